package io.atomicmigrate.sandbox.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atomicmigrate.sandbox.config.Behaviour;
import io.atomicmigrate.sandbox.repository.Account;
import io.atomicmigrate.sandbox.repository.EntityTable;
import io.atomicmigrate.sandbox.repository.FieldDefinition;
import io.atomicmigrate.sandbox.repository.StoredEntity;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * v2 persons/organizations/deals search (PIPEDRIVE.md 3.14, checklist 16): term of at least 2
 * characters (1 with exact_match), case-insensitive exact match, e-mails and phones as plain
 * strings, deleted records never found, and a configurable indexing delay.
 */
public final class SearchService {
    private static final Set<String> SEARCHABLE_CUSTOM = Set.of("address", "varchar", "text", "varchar_auto", "double", "monetary", "phone");

    public enum Kind {
        PERSON("person", Set.of("custom_fields", "email", "notes", "phone", "name")),
        ORGANIZATION("organization", Set.of("address", "custom_fields", "notes", "name")),
        DEAL("deal", Set.of("custom_fields", "notes", "title")),
        LEAD("lead", Set.of("custom_fields", "notes", "title"));

        final String type;
        final Set<String> fields;

        Kind(String type, Set<String> fields) {
            this.type = type;
            this.fields = fields;
        }
    }

    private final SandboxClock clock;
    private final Behaviour behaviour;

    public SearchService(SandboxClock clock, Behaviour behaviour) {
        this.clock = clock;
        this.behaviour = behaviour;
    }

    /** Returns the page; {@code data.items} is built by {@link #render}. */
    public Result search(Caller c, Kind kind, Query q) {
        String term = q.string("term");
        boolean exact = q.bool("exact_match");
        if (term == null || term.trim().length() < (exact ? 1 : 2)) {
            throw ApiException.validation("term: Search term must be at least " + (exact ? 1 : 2) + " characters long");
        }
        Set<String> fields = q.list("fields", 10);
        Set<String> use = fields == null ? kind.fields : fields;
        for (String f : use) {
            if (!kind.fields.contains(f)) {
                throw ApiException.validation("fields: Value must be one of " + String.join(", ", new java.util.TreeSet<>(kind.fields)));
            }
        }
        Map<StoredEntity, Double> scores = new HashMap<>();
        Map<StoredEntity, Kind> kinds = new HashMap<>();
        collect(c, kind, q, use, term, exact, scores, kinds);
        return ranked(q, 500, scores, kinds);
    }

    /**
     * {@code GET /api/v2/itemSearch}: persons, organizations, deals and leads at once (products,
     * files, mail attachments and projects do not exist here and never match); limit at most 100.
     */
    public Result searchItems(Caller c, Query q) {
        String term = q.string("term");
        boolean exact = q.bool("exact_match");
        if (term == null || term.trim().length() < (exact ? 1 : 2)) {
            throw ApiException.validation("term: Search term must be at least " + (exact ? 1 : 2) + " characters long");
        }
        Set<String> types = q.list("item_types", 8);
        Set<String> fields = q.list("fields", 9);
        Set<String> allowedFields = Set.of("address", "code", "custom_fields", "email", "name", "notes", "phone", "title", "description");
        if (fields != null && !allowedFields.containsAll(fields)) {
            throw ApiException.validation("fields: Value must be one of " + String.join(", ", new java.util.TreeSet<>(allowedFields)));
        }
        Map<StoredEntity, Double> scores = new HashMap<>();
        Map<StoredEntity, Kind> kinds = new HashMap<>();
        for (Kind kind : Kind.values()) {
            if (types != null && !types.contains(kind.type)) {
                continue;
            }
            Set<String> use = new java.util.HashSet<>(kind.fields);
            if (fields != null) {
                use.retainAll(fields);
            }
            if (!use.isEmpty()) {
                collect(c, kind, Query.empty(), use, term, exact, scores, kinds);
            }
        }
        return ranked(q, 100, scores, kinds);
    }

    /**
     * {@code GET /api/v2/itemSearch/field}: values of one field, matched case-sensitively
     * (exact, beginning or middle); answers [{id, name}].
     */
    public List<ObjectNode> searchField(Caller c, Query q, String[] nextCursor) {
        String term = q.string("term");
        String entity = q.string("entity_type");
        String field = q.string("field");
        if (term == null || entity == null || field == null) {
            throw ApiException.validation("term, entity_type and field are required");
        }
        String match = q.string("match") == null ? "exact" : q.string("match");
        if (!Set.of("exact", "beginning", "middle").contains(match)) {
            throw ApiException.validation("match: Value must be one of exact, beginning, middle");
        }
        Kind kind = switch (entity) {
            case "person" -> Kind.PERSON;
            case "organization" -> Kind.ORGANIZATION;
            case "deal" -> Kind.DEAL;
            case "lead" -> Kind.LEAD;
            default -> null;
        };
        List<StoredEntity> hits = new ArrayList<>();
        if (kind != null) {
            for (StoredEntity e : table(c.account(), kind).all()) {
                if (e.isDeleted()) {
                    continue;
                }
                JsonNode v = e.data.has(field) ? e.data.get(field) : e.customFields.get(field);
                String text = v == null || v.isNull() ? null : v.isObject() ? v.path("value").asText() : v.asText();
                if (text != null && switch (match) {
                    case "beginning" -> text.startsWith(term);
                    case "middle" -> text.contains(term);
                    default -> text.equals(term);
                }) {
                    hits.add(e);
                }
            }
        }
        Page page = Page.v2(hits, q, 500, behaviour, "id", e -> Json.NODES.numberNode(e.id));
        nextCursor[0] = page.nextCursor();
        return page.items().stream().map(e -> {
            ObjectNode o = e.id > 0 ? Json.object().put("id", e.id) : Json.object().put("id", e.key);
            return o.put("name", e.data.path(kind == Kind.DEAL || kind == Kind.LEAD ? "title" : "name").asText());
        }).toList();
    }

    private void collect(Caller c, Kind kind, Query q, Set<String> use, String term, boolean exact,
                         Map<StoredEntity, Double> scores, Map<StoredEntity, Kind> kinds) {
        Account a = c.account();
        Long orgId = q.integer("organization_id");
        Long personId = q.integer("person_id");
        Set<String> status = q.list("status", 3);
        String orgKey = kind == Kind.LEAD ? "organization_id" : "org_id";
        long indexedBefore = clock.nowSeconds().getEpochSecond() - behaviour.searchIndexDelaySeconds;
        String needle = term.trim().toLowerCase(Locale.ROOT);
        for (StoredEntity e : table(a, kind).all()) {
            if (e.isDeleted() || e.updateTime.getEpochSecond() > indexedBefore
                    || (kind == Kind.DEAL && e.flag("is_archived"))) {
                continue;
            }
            if (orgId != null && e.data.path(orgKey).asLong(-1) != orgId) {
                continue;
            }
            if (personId != null && e.data.path("person_id").asLong(-1) != personId) {
                continue;
            }
            if (status != null && !status.contains(e.data.path("status").asText())) {
                continue;
            }
            double best = 0;
            for (String candidate : candidates(a, kind, e, use)) {
                best = Math.max(best, score(candidate.toLowerCase(Locale.ROOT), needle, exact));
            }
            if (best > 0) {
                scores.put(e, best);
                kinds.put(e, kind);
            }
        }
    }

    private Result ranked(Query q, int max, Map<StoredEntity, Double> scores, Map<StoredEntity, Kind> kinds) {
        List<StoredEntity> hits = new ArrayList<>(scores.keySet());
        // highest score first like Pipedrive's relevance order; the cursor walks this ranking
        hits.sort((x, y) -> {
            int cmp = Double.compare(scores.get(y), scores.get(x));
            if (cmp != 0) {
                return cmp;
            }
            cmp = kinds.get(x).compareTo(kinds.get(y));
            return cmp != 0 ? cmp : x.id != y.id ? Long.compare(x.id, y.id) : x.key.compareTo(y.key);
        });
        Map<StoredEntity, Integer> rank = new HashMap<>();
        for (int i = 0; i < hits.size(); i++) {
            rank.put(hits.get(i), i);
        }
        return new Result(Page.v2(hits, q, max, behaviour, "rank", e -> Json.NODES.numberNode(rank.get(e))), scores, kinds);
    }

    /** One page of hits and the relevance score of each. */
    public record Result(Page page, Map<StoredEntity, Double> scores, Map<StoredEntity, Kind> kinds) {
    }

    private static EntityTable table(Account a, Kind kind) {
        return switch (kind) {
            case PERSON -> a.persons;
            case ORGANIZATION -> a.organizations;
            case DEAL -> a.deals;
            case LEAD -> a.leads;
        };
    }

    private static List<String> candidates(Account a, Kind kind, StoredEntity e, Set<String> use) {
        List<String> out = new ArrayList<>();
        if (use.contains("name") || use.contains("title")) {
            out.add(e.data.path(kind == Kind.DEAL || kind == Kind.LEAD ? "title" : "name").asText(""));
        }
        if (use.contains("email")) {
            e.data.path("emails").forEach(x -> out.add(x.path("value").asText()));
        }
        if (use.contains("phone")) {
            e.data.path("phones").forEach(x -> out.add(x.path("value").asText()));
        }
        if (use.contains("address") && e.data.path("address").isObject()) {
            out.add(e.data.path("address").path("value").asText(""));
        }
        if (use.contains("notes")) {
            String parent = switch (kind) {
                case PERSON -> "person_id";
                case ORGANIZATION -> "org_id";
                case DEAL -> "deal_id";
                case LEAD -> "lead_id";
            };
            a.notes.all().stream().filter(n -> n.data.path(parent).asText("").equals(e.key))
                    .forEach(n -> out.add(n.data.path("content").asText()));
        }
        if (use.contains("custom_fields")) {
            for (FieldDefinition f : a.fields.get(fieldEntity(kind))) {
                JsonNode v = e.customFields.get(f.code);
                if (v != null && f.custom && !f.deleted && SEARCHABLE_CUSTOM.contains(f.type)) {
                    out.add(v.isObject() ? v.path("value").asText() : v.asText());
                }
            }
        }
        return out;
    }

    /** Leads carry deal fields. */
    private static String fieldEntity(Kind kind) {
        return kind == Kind.LEAD ? "deal" : kind.type;
    }

    private static double score(String candidate, String needle, boolean exact) {
        if (candidate.equals(needle)) {
            return 1.0;
        }
        if (exact) {
            return 0;
        }
        if (candidate.startsWith(needle)) {
            return 0.8;
        }
        return candidate.contains(needle) ? 0.5 : 0;
    }

    public ObjectNode render(Caller c, Kind kind, StoredEntity e, Map<StoredEntity, Double> scores) {
        Account a = c.account();
        if (kind == Kind.LEAD) {
            return Json.object().put("result_score", scores.getOrDefault(e, 1.0)).set("item", renderLead(a, e));
        }
        ObjectNode item = Json.object().put("id", e.id).put("type", kind.type);
        if (kind == Kind.DEAL) {
            item.put("title", e.data.path("title").asText());
            item.set("value", e.data.get("value"));
            item.set("currency", e.data.get("currency"));
            item.set("status", e.data.get("status"));
        } else {
            item.put("name", e.data.path("name").asText());
        }
        if (kind == Kind.PERSON) {
            ArrayNode phones = item.putArray("phones");
            e.data.path("phones").forEach(x -> phones.add(x.path("value").asText()));
            ArrayNode emails = item.putArray("emails");
            e.data.path("emails").forEach(x -> emails.add(x.path("value").asText()));
        }
        if (kind == Kind.ORGANIZATION) {
            JsonNode addr = e.data.path("address");
            item.put("address", addr.isObject() ? addr.path("value").asText() : null);
        }
        item.set("visible_to", e.data.get("visible_to"));
        item.putObject("owner").put("id", e.data.path("owner_id").asLong());
        if (kind != Kind.ORGANIZATION) {
            var org = a.organizations.find(e.data.path("org_id").asLong(-1));
            if (org.isPresent()) {
                JsonNode addr = org.get().data.path("address");
                item.putObject("organization").put("id", org.get().id).put("name", org.get().data.path("name").asText())
                        .put("address", addr.isObject() ? addr.path("value").asText() : null);
            } else {
                item.putNull("organization");
            }
        }
        if (kind == Kind.DEAL) {
            var person = a.persons.find(e.data.path("person_id").asLong(-1));
            if (person.isPresent()) {
                item.putObject("person").put("id", person.get().id).put("name", person.get().data.path("name").asText());
            } else {
                item.putNull("person");
            }
        }
        ArrayNode custom = item.putArray("custom_fields");
        for (FieldDefinition f : a.fields.get(fieldEntity(kind))) {
            JsonNode v = e.customFields.get(f.code);
            if (v != null && f.custom && !f.deleted && SEARCHABLE_CUSTOM.contains(f.type)) {
                custom.add(v.isObject() ? v.path("value").asText() : v.asText());
            }
        }
        item.putArray("notes");
        return Json.object().put("result_score", scores.getOrDefault(e, 1.0)).set("item", item);
    }

    private static ObjectNode renderLead(Account a, StoredEntity e) {
        ObjectNode item = Json.object().put("id", e.key).put("type", "lead").put("title", e.data.path("title").asText());
        item.putObject("owner").put("id", e.data.path("owner_id").asLong());
        var person = a.persons.find(e.data.path("person_id").asLong(-1));
        if (person.isPresent()) {
            item.putObject("person").put("id", person.get().id).put("name", person.get().data.path("name").asText());
        } else {
            item.putNull("person");
        }
        var org = a.organizations.find(e.data.path("organization_id").asLong(-1));
        if (org.isPresent()) {
            item.putObject("organization").put("id", org.get().id).put("name", org.get().data.path("name").asText());
        } else {
            item.putNull("organization");
        }
        ArrayNode phones = item.putArray("phones");
        ArrayNode emails = item.putArray("emails");
        person.ifPresent(p -> {
            p.data.path("phones").forEach(x -> phones.add(x.path("value").asText()));
            p.data.path("emails").forEach(x -> emails.add(x.path("value").asText()));
        });
        item.putArray("custom_fields");
        item.putArray("notes");
        JsonNode value = e.data.path("value");
        item.set("value", value.isObject() ? value.get("amount") : null);
        item.set("currency", value.isObject() ? value.get("currency") : null);
        item.put("visible_to", e.data.path("visible_to").asInt(3));
        item.put("is_archived", e.flag("is_archived"));
        return item;
    }
}

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
        DEAL("deal", Set.of("custom_fields", "notes", "title"));

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
        Account a = c.account();
        Long orgId = q.integer("organization_id");
        Long personId = q.integer("person_id");
        Set<String> status = q.list("status", 3);
        long indexedBefore = clock.nowSeconds().getEpochSecond() - behaviour.searchIndexDelaySeconds;
        String needle = term.trim().toLowerCase(Locale.ROOT);
        Map<StoredEntity, Double> scores = new HashMap<>();
        for (StoredEntity e : table(a, kind).all()) {
            if (e.isDeleted() || e.updateTime.getEpochSecond() > indexedBefore
                    || (kind == Kind.DEAL && e.flag("is_archived"))) {
                continue;
            }
            if (orgId != null && e.data.path("org_id").asLong(-1) != orgId) {
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
            }
        }
        List<StoredEntity> hits = new ArrayList<>(scores.keySet());
        // the cursor sorts by score then id; highest first like Pipedrive's relevance order
        hits.sort((x, y) -> {
            int cmp = Double.compare(scores.get(y), scores.get(x));
            return cmp != 0 ? cmp : Long.compare(x.id, y.id);
        });
        Map<StoredEntity, Integer> rank = new HashMap<>();
        for (int i = 0; i < hits.size(); i++) {
            rank.put(hits.get(i), i);
        }
        return new Result(Page.v2(hits, q, 500, behaviour, "rank", e -> Json.NODES.numberNode(rank.get(e))), scores);
    }

    /** One page of hits and the relevance score of each. */
    public record Result(Page page, Map<StoredEntity, Double> scores) {
    }

    private static EntityTable table(Account a, Kind kind) {
        return switch (kind) {
            case PERSON -> a.persons;
            case ORGANIZATION -> a.organizations;
            case DEAL -> a.deals;
        };
    }

    private static List<String> candidates(Account a, Kind kind, StoredEntity e, Set<String> use) {
        List<String> out = new ArrayList<>();
        if (use.contains("name") || use.contains("title")) {
            out.add(e.data.path(kind == Kind.DEAL ? "title" : "name").asText(""));
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
            };
            a.notes.all().stream().filter(n -> n.data.path(parent).asLong(-1) == e.id)
                    .forEach(n -> out.add(n.data.path("content").asText()));
        }
        if (use.contains("custom_fields")) {
            for (FieldDefinition f : a.fields.get(kind.type)) {
                JsonNode v = e.customFields.get(f.code);
                if (v != null && f.custom && !f.deleted && SEARCHABLE_CUSTOM.contains(f.type)) {
                    out.add(v.isObject() ? v.path("value").asText() : v.asText());
                }
            }
        }
        return out;
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
        for (FieldDefinition f : a.fields.get(kind.type)) {
            JsonNode v = e.customFields.get(f.code);
            if (v != null && f.custom && !f.deleted && SEARCHABLE_CUSTOM.contains(f.type)) {
                custom.add(v.isObject() ? v.path("value").asText() : v.asText());
            }
        }
        item.putArray("notes");
        return Json.object().put("result_score", scores.getOrDefault(e, 1.0)).set("item", item);
    }
}

package io.atomicmigrate.sandbox.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atomicmigrate.sandbox.config.Behaviour;
import io.atomicmigrate.sandbox.repository.Account;
import io.atomicmigrate.sandbox.repository.StoredEntity;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * v1 notes (PIPEDRIVE.md 3.6): content and at least one parent required, add_time settable in the
 * past or future on POST and PUT, author change admin-only, embedded parent objects on output.
 */
public final class NoteService {
    static final int MAX_CONTENT = 100_000;
    private static final List<String> PARENTS = List.of("lead_id", "deal_id", "person_id", "org_id", "project_id", "task_id");
    private static final List<String[]> PINS = List.of(new String[]{"pinned_to_lead_flag", "lead_id"},
            new String[]{"pinned_to_deal_flag", "deal_id"}, new String[]{"pinned_to_organization_flag", "org_id"},
            new String[]{"pinned_to_person_flag", "person_id"}, new String[]{"pinned_to_project_flag", "project_id"},
            new String[]{"pinned_to_task_flag", "task_id"});
    private static final Set<String> ALLOWED = Set.of("content", "lead_id", "deal_id", "person_id", "org_id", "project_id",
            "task_id", "user_id", "add_time", "pinned_to_lead_flag", "pinned_to_deal_flag", "pinned_to_organization_flag",
            "pinned_to_person_flag", "pinned_to_project_flag", "pinned_to_task_flag");

    private final SandboxClock clock;
    private final Behaviour behaviour;

    public NoteService(SandboxClock clock, Behaviour behaviour) {
        this.clock = clock;
        this.behaviour = behaviour;
    }

    public StoredEntity add(Caller c, ObjectNode body) {
        V1Values.onlyKnown(body, ALLOWED);
        String content = V1Values.text(body, "content");
        if (content == null || content.isEmpty()) {
            throw ApiException.badRequest("Parameter 'content' is required");
        }
        if (PARENTS.stream().noneMatch(p -> Json.present(body, p) && !body.get(p).asText().isEmpty())) {
            throw ApiException.badRequest("Note must be attached to a lead, deal, person, organization, project or task");
        }
        ObjectNode d = Json.object();
        d.put("active_flag", true);
        d.put("content", "");
        for (String p : PARENTS) {
            d.putNull(p);
        }
        d.put("user_id", c.userId());
        d.put("last_update_user_id", c.userId());
        for (String[] pin : PINS) {
            d.put(pin[0], false);
        }
        Instant addTime = check(c, body);
        StoredEntity e = c.account().notes.insertNumbered(d);
        apply(c, e, body);
        e.addTime = addTime != null ? addTime : clock.nowSeconds();
        e.updateTime = clock.nowSeconds();
        return e;
    }

    public StoredEntity update(Caller c, String id, ObjectNode body) {
        V1Values.onlyKnown(body, ALLOWED);
        StoredEntity e = get(c, id);
        if (body.has("content") && V1Values.text(body, "content") == null) {
            throw ApiException.badRequest("Parameter 'content' must not be empty");
        }
        Instant addTime = check(c, body);
        apply(c, e, body);
        if (addTime != null) {
            e.addTime = addTime;
        }
        e.data.put("last_update_user_id", c.userId());
        e.updateTime = clock.nowSeconds();
        return e;
    }

    public void delete(Caller c, String id) {
        StoredEntity e = get(c, id);
        c.account().notes.remove(e.key);
    }

    public StoredEntity get(Caller c, String id) {
        return c.account().notes.findLive(id).orElseThrow(() -> ApiException.notFound("Note not found"));
    }

    public Page list(Caller c, Query q) {
        Instant since = q.time("updated_since");
        List<StoredEntity> rows = c.account().notes.where(e -> {
            for (String f : List.of("user_id", "deal_id", "person_id", "org_id", "project_id")) {
                Long want = q.integer(f);
                if (want != null && e.data.path(f).asLong(-1) != want) {
                    return false;
                }
            }
            if (q.has("lead_id") && !q.string("lead_id").equals(e.data.path("lead_id").asText())) {
                return false;
            }
            return since == null || !e.updateTime.isBefore(since);
        });
        String sort = q.string("sort");
        if (sort != null) {
            String[] parts = sort.trim().split("\\s+");
            Comparator<StoredEntity> cmp = switch (parts[0]) {
                case "add_time" -> Comparator.comparing((StoredEntity e) -> e.addTime);
                case "update_time" -> Comparator.comparing((StoredEntity e) -> e.updateTime);
                case "id" -> Comparator.comparingLong((StoredEntity e) -> e.id);
                default -> throw ApiException.badRequest("Invalid sort field " + parts[0]);
            };
            cmp = cmp.thenComparingLong(e -> e.id);
            if (parts.length > 1 && parts[1].equalsIgnoreCase("DESC")) {
                cmp = cmp.reversed();
            }
            rows = rows.stream().sorted(cmp).toList();
        }
        return Page.v1(rows, q, 500, behaviour);
    }

    /** Validates references, pins and author; returns the parsed add_time or null. */
    private Instant check(Caller c, ObjectNode body) {
        Account a = c.account();
        String content = V1Values.text(body, "content");
        if (content != null && content.length() > MAX_CONTENT) {
            throw ApiException.badRequest("Note content exceeds the maximum size of 100 KB");
        }
        V1Values.existing(body, "deal_id", a.deals, "Deal");
        V1Values.existing(body, "person_id", a.persons, "Person");
        V1Values.existing(body, "org_id", a.organizations, "Organization");
        V1Values.id(body, "project_id");
        V1Values.id(body, "task_id");
        String lead = V1Values.text(body, "lead_id");
        if (lead != null && a.leads.findLive(lead).isEmpty()) {
            throw ApiException.notFound("Lead not found");
        }
        Long userId = V1Values.id(body, "user_id");
        if (userId != null) {
            if (userId != c.userId() && !c.admin()) {
                throw ApiException.forbidden();
            }
            if (a.users.findLive(userId).isEmpty()) {
                throw ApiException.badRequest("User not found");
            }
        }
        for (String[] pin : PINS) {
            JsonNode v = body.get(pin[0]);
            if (v == null || v.isNull()) {
                continue;
            }
            String s = v.asText();
            if (!s.equals("0") && !s.equals("1")) {
                throw ApiException.badRequest("Parameter '" + pin[0] + "' must be 0 or 1");
            }
            if (s.equals("1") && !Json.present(body, pin[1])) {
                throw ApiException.badRequest("Parameter '" + pin[0] + "' requires '" + pin[1] + "' in the same request");
            }
        }
        JsonNode addTime = body.get("add_time");
        if (addTime == null || addTime.isNull()) {
            return null;
        }
        if (behaviour.addTimeAdminOnly && !c.admin()) {
            throw ApiException.forbidden();
        }
        Instant t = Timestamps.parseEither(addTime.asText());
        if (t == null) {
            throw ApiException.badRequest("Parameter 'add_time' must be in format YYYY-MM-DD HH:MM:SS");
        }
        return t;
    }

    private static void apply(Caller c, StoredEntity e, ObjectNode body) {
        if (body.has("content")) {
            e.data.put("content", sanitize(body.get("content").asText()));
        }
        for (String p : List.of("deal_id", "person_id", "org_id", "project_id", "task_id", "user_id")) {
            if (body.has(p)) {
                Long v = V1Values.id(body, p);
                if (v == null) {
                    e.data.putNull(p);
                } else {
                    e.data.put(p, v);
                }
            }
        }
        if (body.has("lead_id")) {
            e.data.put("lead_id", V1Values.text(body, "lead_id"));
        }
        for (String[] pin : PINS) {
            if (Json.present(body, pin[0])) {
                e.data.put(pin[0], body.get(pin[0]).asText().equals("1"));
            }
        }
    }

    /** "Subject to sanitization on the back-end": scripts are dropped, the rest kept as sent. */
    static String sanitize(String html) {
        return html.replaceAll("(?is)<script.*?</script>", "");
    }

    public ObjectNode render(Caller c, StoredEntity e) {
        Account a = c.account();
        ObjectNode o = e.data.deepCopy();
        o.put("add_time", Timestamps.v1(e.addTime));
        o.put("update_time", Timestamps.v1(e.updateTime));
        o.remove("task_id");
        a.deals.find(e.data.path("deal_id").asLong(-1)).ifPresentOrElse(
                d -> o.putObject("deal").put("title", d.data.path("title").asText()), () -> o.putNull("deal"));
        a.persons.find(e.data.path("person_id").asLong(-1)).ifPresentOrElse(
                p -> o.putObject("person").put("name", p.data.path("name").asText()), () -> o.putNull("person"));
        a.organizations.find(e.data.path("org_id").asLong(-1)).ifPresentOrElse(
                org -> o.putObject("organization").put("name", org.data.path("name").asText()), () -> o.putNull("organization"));
        a.users.find(e.data.path("user_id").asLong(-1)).ifPresent(u -> o.putObject("user")
                .put("email", u.data.path("email").asText()).put("icon_url", (String) null)
                .put("is_you", u.id == c.userId()).put("name", u.data.path("name").asText()));
        return o;
    }
}

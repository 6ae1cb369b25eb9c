package io.atomicmigrate.sandbox.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atomicmigrate.sandbox.config.Behaviour;
import io.atomicmigrate.sandbox.repository.Account;
import io.atomicmigrate.sandbox.repository.EntityTable;
import io.atomicmigrate.sandbox.repository.StoredEntity;

import java.util.List;
import java.util.Set;

/**
 * v2 activities (PIPEDRIVE.md 3.7): {@code type} must be an active activity-type key_string,
 * {@code done} a real boolean, no add_time and no marked_as_done_time input.
 */
public final class ActivityService extends V2EntityService {
    private static final StrictBody BODY = StrictBody.of()
            .string("subject", 255).string("type", 255).integer("owner_id").integer("deal_id").string("lead_id", 64)
            .integer("person_id").integer("org_id").integer("project_id").string("due_date", 10)
            .string("due_time", 8).string("duration", 8).bool("busy").bool("done").object("location", null)
            .objectArray("participants", null).objectArray("attendees", null).string("public_description", 65_536)
            .integer("priority").string("note", 100_000);

    public ActivityService(SandboxClock clock, Behaviour behaviour) {
        super(clock, behaviour);
    }

    @Override
    public EntityTable table(Account a) {
        return a.activities;
    }

    @Override
    protected Set<String> extraSortKeys() {
        return Set.of("due_date");
    }

    @Override
    protected boolean hasExtraFilter(Query q) {
        return q.has("done") || q.has("lead_id");
    }

    @Override
    protected List<StoredEntity> extraFilter(Caller c, List<StoredEntity> rows, Query q) {
        if (q.has("done")) {
            boolean done = q.bool("done");
            rows = rows.stream().filter(e -> e.flag("done") == done).toList();
        }
        if (q.has("lead_id")) {
            rows = rows.stream().filter(e -> q.string("lead_id").equals(e.data.path("lead_id").asText())).toList();
        }
        return rows;
    }

    @Override
    protected StoredEntity doCreate(Caller c, ObjectNode body) {
        BODY.validate(body);
        Account a = c.account();
        check(a, body);
        ObjectNode d = Json.object();
        String type = Json.present(body, "type") ? body.get("type").asText() : "call";
        String typeName = a.activityTypes.all().stream().filter(t -> t.data.path("key_string").asText().equals(type))
                .map(t -> t.data.path("name").asText()).findFirst().orElse("Call");
        d.put("subject", typeName);
        d.put("type", type);
        d.put("owner_id", c.userId());
        d.put("creator_user_id", c.userId());
        d.put("is_deleted", false);
        for (String k : List.of("deal_id", "lead_id", "person_id", "org_id", "project_id", "due_date", "due_time",
                "duration")) {
            d.putNull(k);
        }
        d.put("busy", false);
        d.put("done", false);
        d.putNull("marked_as_done_time");
        d.putNull("location");
        d.putArray("participants");
        d.putArray("attendees");
        d.putNull("public_description");
        d.putNull("priority");
        d.putNull("note");
        StoredEntity e = a.activities.insertNumbered(d);
        apply(e, body);
        return e;
    }

    @Override
    protected void doUpdate(Caller c, StoredEntity e, ObjectNode body) {
        BODY.validate(body);
        check(c.account(), body);
        apply(e, body);
    }

    private static void check(Account a, ObjectNode body) {
        if (Json.present(body, "type")) {
            String type = body.get("type").asText();
            boolean active = a.activityTypes.all().stream()
                    .anyMatch(t -> t.flag("active_flag") && t.data.path("key_string").asText().equals(type));
            if (!active) {
                throw ApiException.validation("type: Activity type '" + type + "' does not exist or is not active");
            }
        }
        requireUser(a, body.get("owner_id"), "owner_id");
        requireLive(a.deals, body.get("deal_id"), "deal_id", "Deal");
        requireLive(a.persons, body.get("person_id"), "person_id", "Person");
        requireLive(a.organizations, body.get("org_id"), "org_id", "Organization");
        if (Json.present(body, "lead_id") && a.leads.findLive(body.get("lead_id").asText()).isEmpty()) {
            throw ApiException.notFound("Lead with id " + body.get("lead_id").asText() + " not found");
        }
        if (Json.present(body, "due_date") && !Timestamps.isDate(body.get("due_date").asText())) {
            throw ApiException.validation("due_date: Expected date 'YYYY-MM-DD'");
        }
        for (String k : List.of("due_time", "duration")) {
            if (Json.present(body, k) && !Timestamps.isTime(body.get(k).asText())) {
                throw ApiException.validation(k + ": Expected time 'HH:MM:SS'");
            }
        }
        JsonNode participants = body.get("participants");
        if (participants != null && !participants.isNull()) {
            for (JsonNode p : participants) {
                if (!StrictBody.isInteger(p.path("person_id")) || (p.has("primary") && !p.get("primary").isBoolean())) {
                    throw ApiException.validation("participants: Expected objects {person_id: integer, primary: boolean}");
                }
                requireLive(a.persons, p.get("person_id"), "participants", "Person");
            }
        }
    }

    private void apply(StoredEntity e, ObjectNode body) {
        ObjectNode d = e.data;
        for (String k : List.of("subject", "type", "owner_id", "deal_id", "lead_id", "person_id", "org_id", "project_id",
                "due_date", "due_time", "duration", "busy", "location", "public_description", "priority", "note")) {
            if (body.has(k)) {
                d.set(k, body.get(k));
            }
        }
        if (body.has("participants")) {
            d.set("participants", body.get("participants").isNull() ? Json.array() : body.get("participants"));
            for (JsonNode p : d.get("participants")) {
                if (p.path("primary").asBoolean(false)) {
                    d.put("person_id", p.get("person_id").asLong());
                }
            }
        }
        if (body.has("attendees")) {
            d.set("attendees", body.get("attendees").isNull() ? Json.array() : body.get("attendees"));
        }
        if (body.has("done")) {
            boolean done = body.get("done").asBoolean();
            if (done && !d.path("done").asBoolean()) {
                d.put("marked_as_done_time", Timestamps.v2(clock.nowSeconds()));
            } else if (!done) {
                d.putNull("marked_as_done_time");
            }
            d.put("done", done);
        }
    }
}

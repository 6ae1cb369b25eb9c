package io.atomicmigrate.sandbox.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atomicmigrate.sandbox.config.Behaviour;
import io.atomicmigrate.sandbox.repository.Account;
import io.atomicmigrate.sandbox.repository.StoredEntity;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * v1 leads (PIPEDRIVE.md 3.4): UUID ids, title plus person or organization required, value needs
 * amount and currency, label ids must be lead-label UUIDs, visible_to is a string, no add_time,
 * deal custom fields in v1 flat form, archived leads listed apart and not editable.
 */
public final class LeadService {
    private static final Set<String> POST = Set.of("title", "owner_id", "label_ids", "person_id", "organization_id",
            "value", "expected_close_date", "visible_to", "was_seen", "origin_id", "channel", "channel_id");
    private static final Set<String> PATCH;

    static {
        Set<String> s = new HashSet<>(POST);
        s.add("is_archived");
        s.remove("origin_id");
        PATCH = Set.copyOf(s);
    }

    private final SandboxClock clock;
    private final Behaviour behaviour;

    public LeadService(SandboxClock clock, Behaviour behaviour) {
        this.clock = clock;
        this.behaviour = behaviour;
    }

    public StoredEntity add(Caller c, ObjectNode body) {
        Account a = c.account();
        var custom = CustomFieldCodec.fromV1Flat(a, "deal", body);
        V1Values.onlyKnown(body, POST);
        String title = body.path("title").isTextual() ? body.get("title").asText() : null;
        if (title == null || title.isBlank()) {
            throw ApiException.badRequest("Parameter 'title' is required");
        }
        if (!Json.present(body, "person_id") && !Json.present(body, "organization_id")) {
            throw ApiException.badRequest("A lead always has to be linked to a person or an organization or both");
        }
        check(a, body);
        ObjectNode d = Json.object();
        d.put("title", title);
        d.put("owner_id", c.userId());
        d.put("creator_id", c.userId());
        d.putArray("label_ids");
        d.putNull("person_id");
        d.putNull("organization_id");
        d.put("source_name", "API");
        d.put("origin", "API");
        d.putNull("origin_id");
        d.putNull("channel");
        d.putNull("channel_id");
        d.put("is_archived", false);
        d.put("was_seen", false);
        d.putNull("value");
        d.putNull("expected_close_date");
        d.putNull("next_activity_id");
        d.put("visible_to", "3");
        StoredEntity e = a.leads.insertKeyed(a::newUuid, d);
        d.put("cc_email", a.domain() + "+lead" + e.key.substring(0, 8) + "@pipedrivemail.com");
        apply(e, body);
        CustomFieldCodec.apply(e, custom);
        e.addTime = clock.nowSeconds();
        e.updateTime = e.addTime;
        return e;
    }

    public StoredEntity update(Caller c, String id, ObjectNode body) {
        Account a = c.account();
        StoredEntity e = find(c, id);
        var custom = CustomFieldCodec.fromV1Flat(a, "deal", body);
        V1Values.onlyKnown(body, PATCH);
        if (e.flag("is_archived") && !(body.size() == 1 && body.has("is_archived") && !body.get("is_archived").asBoolean())) {
            throw ApiException.badRequest("Archived leads cannot be updated");
        }
        if (body.has("title") && (!body.get("title").isTextual() || body.get("title").asText().isBlank())) {
            throw ApiException.badRequest("Parameter 'title' must not be empty");
        }
        check(a, body);
        boolean person = body.has("person_id") ? Json.present(body, "person_id") : Json.present(e.data, "person_id");
        boolean org = body.has("organization_id") ? Json.present(body, "organization_id") : Json.present(e.data, "organization_id");
        if (!person && !org) {
            throw ApiException.badRequest("A lead always has to be linked to a person or an organization or both");
        }
        apply(e, body);
        CustomFieldCodec.apply(e, custom);
        e.updateTime = clock.nowSeconds();
        return e;
    }

    public void delete(Caller c, String id) {
        StoredEntity e = find(c, id);
        c.account().leads.remove(e.key);
    }

    public StoredEntity find(Caller c, String id) {
        return c.account().leads.findLive(id).orElseThrow(() -> ApiException.notFound("requested lead not found"));
    }

    /** Non-archived (or, for /leads/archived, archived) leads, oldest first. */
    public Page list(Caller c, Query q, boolean archived) {
        List<StoredEntity> rows = c.account().leads.where(e -> {
            if (e.flag("is_archived") != archived) {
                return false;
            }
            for (String f : List.of("owner_id", "person_id", "organization_id")) {
                Long want = q.integer(f);
                if (want != null && e.data.path(f).asLong(-1) != want) {
                    return false;
                }
            }
            return true;
        });
        return Page.v1(rows, q, 500, behaviour);
    }

    private static void check(Account a, ObjectNode body) {
        for (String k : List.of("owner_id", "person_id", "organization_id", "channel")) {
            JsonNode v = body.get(k);
            if (v != null && !v.isNull() && !v.isIntegralNumber()) {
                throw ApiException.badRequest("Parameter '" + k + "' must be an integer");
            }
        }
        if (Json.present(body, "owner_id") && a.users.findLive(body.get("owner_id").asLong()).isEmpty()) {
            throw ApiException.badRequest("User not found");
        }
        if (Json.present(body, "person_id") && a.persons.findLive(body.get("person_id").asLong()).isEmpty()) {
            throw ApiException.notFound("Person not found");
        }
        if (Json.present(body, "organization_id") && a.organizations.findLive(body.get("organization_id").asLong()).isEmpty()) {
            throw ApiException.notFound("Organization not found");
        }
        JsonNode labels = body.get("label_ids");
        if (labels != null && !labels.isNull()) {
            if (!labels.isArray()) {
                throw ApiException.badRequest("Parameter 'label_ids' must be an array of lead label ids");
            }
            for (JsonNode l : labels) {
                if (!l.isTextual() || a.leadLabels.find(l.asText()).isEmpty()) {
                    throw ApiException.badRequest("Lead label " + l + " does not exist");
                }
            }
        }
        JsonNode value = body.get("value");
        if (value != null && !value.isNull()) {
            if (!value.isObject() || !value.path("amount").isNumber() || !value.path("currency").isTextual()
                    || value.size() != 2) {
                throw ApiException.badRequest("Parameter 'value' must have both 'amount' (number) and 'currency' (string)");
            }
            if (!Currencies.isKnown(value.get("currency").asText())) {
                throw ApiException.badRequest("Unknown currency code '" + value.get("currency").asText() + "'");
            }
        }
        JsonNode visible = body.get("visible_to");
        if (visible != null && !visible.isNull() && !(visible.isTextual() && Set.of("1", "3", "5", "7").contains(visible.asText()))) {
            throw ApiException.badRequest("Parameter 'visible_to' must be one of \"1\", \"3\", \"5\", \"7\"");
        }
        if (Json.present(body, "expected_close_date") && !Timestamps.isDate(body.get("expected_close_date").asText())) {
            throw ApiException.badRequest("Parameter 'expected_close_date' must be YYYY-MM-DD");
        }
        for (String k : List.of("was_seen", "is_archived")) {
            if (body.has(k) && !body.get(k).isBoolean()) {
                throw ApiException.badRequest("Parameter '" + k + "' must be a boolean");
            }
        }
    }

    private static void apply(StoredEntity e, ObjectNode body) {
        for (String k : List.of("title", "owner_id", "person_id", "organization_id", "value", "expected_close_date",
                "visible_to", "was_seen", "origin_id", "channel", "channel_id", "is_archived")) {
            if (body.has(k)) {
                e.data.set(k, body.get(k));
            }
        }
        if (body.has("label_ids")) {
            e.data.set("label_ids", body.get("label_ids").isNull() ? Json.array() : body.get("label_ids"));
        }
    }

    public static ObjectNode render(Account a, StoredEntity e) {
        ObjectNode o = e.data.deepCopy();
        o.put("add_time", Timestamps.lead(e.addTime));
        o.put("update_time", Timestamps.lead(e.updateTime));
        CustomFieldCodec.renderV1Flat(a, "deal", e, o);
        return o;
    }
}

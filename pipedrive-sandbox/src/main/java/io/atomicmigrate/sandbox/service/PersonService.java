package io.atomicmigrate.sandbox.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atomicmigrate.sandbox.config.Behaviour;
import io.atomicmigrate.sandbox.repository.Account;
import io.atomicmigrate.sandbox.repository.EntityTable;
import io.atomicmigrate.sandbox.repository.StoredEntity;

import java.util.List;

/** v2 persons (PIPEDRIVE.md 3.1). add_time only on POST; contact-sync fields are not enabled. */
public final class PersonService extends V2EntityService {
    private static final StrictBody PATCH = StrictBody.of()
            .string("name", 255).integer("owner_id").integer("org_id")
            .objectArray("emails", ContactList.check("emails", ContactList.EMAIL_LABELS))
            .objectArray("phones", ContactList.check("phones", ContactList.PHONE_LABELS))
            .integerIn("visible_to", "1", "3", "5", "7").integerArray("label_ids")
            .oneOf("marketing_status", "no_consent", "unsubscribed", "subscribed", "archived")
            .object("custom_fields", null);
    private static final StrictBody POST = PATCH.copy().string("add_time", 64);

    public PersonService(SandboxClock clock, Behaviour behaviour) {
        super(clock, behaviour);
    }

    @Override
    public EntityTable table(Account a) {
        return a.persons;
    }

    @Override
    protected String fieldEntity() {
        return "person";
    }

    @Override
    protected StoredEntity doCreate(Caller c, ObjectNode body) {
        POST.validate(body);
        if (behaviour.requirePersonName) {
            requireName(body, "name", true);
        }
        Account a = c.account();
        checkRefs(a, body);
        var custom = CustomFieldCodec.fromV2(a, "person", body.get("custom_fields"));
        var addTime = parseAddTime(c, body.get("add_time"));
        ObjectNode d = Json.object();
        d.putNull("name");
        d.putNull("first_name");
        d.putNull("last_name");
        d.put("owner_id", body.has("owner_id") && !body.get("owner_id").isNull() ? body.get("owner_id").asLong() : c.userId());
        d.putNull("org_id");
        d.putArray("emails");
        d.putArray("phones");
        d.put("is_deleted", false);
        d.put("visible_to", 3);
        d.putArray("label_ids");
        d.putNull("picture_id");
        StoredEntity e = a.persons.insertNumbered(d);
        apply(e, body);
        CustomFieldCodec.apply(e, custom);
        e.addTime = addTime;
        return e;
    }

    @Override
    protected void doUpdate(Caller c, StoredEntity e, ObjectNode body) {
        PATCH.validate(body);
        requireName(body, "name", false);
        checkRefs(c.account(), body);
        var custom = CustomFieldCodec.fromV2(c.account(), "person", body.get("custom_fields"));
        apply(e, body);
        CustomFieldCodec.apply(e, custom);
    }

    private static void checkRefs(Account a, ObjectNode body) {
        requireUser(a, body.get("owner_id"), "owner_id");
        requireLive(a.organizations, body.get("org_id"), "org_id", "Organization");
        checkLabelIds(a, "person", body.get("label_ids"));
    }

    private static void apply(StoredEntity e, ObjectNode body) {
        ObjectNode d = e.data;
        for (String k : List.of("owner_id", "org_id", "visible_to", "marketing_status")) {
            if (body.has(k)) {
                d.set(k, body.get(k));
            }
        }
        if (body.has("name")) {
            String name = body.get("name").asText();
            d.put("name", name);
            int space = name.indexOf(' ');
            d.put("first_name", space < 0 ? name : name.substring(0, space));
            if (space < 0) {
                d.putNull("last_name");
            } else {
                d.put("last_name", name.substring(space + 1));
            }
        }
        if (body.has("emails")) {
            d.set("emails", ContactList.normalize(body.get("emails")));
        }
        if (body.has("phones")) {
            d.set("phones", ContactList.normalize(body.get("phones")));
        }
        if (body.has("label_ids")) {
            JsonNode l = body.get("label_ids");
            d.set("label_ids", l.isNull() ? Json.array() : l);
        }
    }
}

package io.atomicmigrate.sandbox.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atomicmigrate.sandbox.config.Behaviour;
import io.atomicmigrate.sandbox.repository.Account;
import io.atomicmigrate.sandbox.repository.EntityTable;
import io.atomicmigrate.sandbox.repository.StoredEntity;

import java.util.Iterator;
import java.util.List;

/**
 * v2 organizations (PIPEDRIVE.md 3.2). The address object replaces the stored one whole: omitted
 * subfields become null on POST and on PATCH (D: MIG).
 */
public final class OrganizationService extends V2EntityService {
    private static final StrictBody PATCH = StrictBody.of()
            .string("name", 255).integer("owner_id").integerIn("visible_to", "1", "3", "5", "7")
            .integerArray("label_ids").object("address", OrganizationService::checkAddress)
            .string("website", 255).string("linkedin", 255).integer("industry").integer("annual_revenue")
            .integer("employee_count").object("custom_fields", null);
    private static final StrictBody POST = PATCH.copy().string("add_time", 64);

    public OrganizationService(SandboxClock clock, Behaviour behaviour) {
        super(clock, behaviour);
    }

    @Override
    public EntityTable table(Account a) {
        return a.organizations;
    }

    @Override
    protected String fieldEntity() {
        return "organization";
    }

    private static void checkAddress(JsonNode v, List<String> errors) {
        if (!v.path("value").isTextual()) {
            errors.add("address: Parameter 'value' is required");
        }
        for (Iterator<String> it = v.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!k.equals("value") && !CustomFieldCodec.ADDRESS_PARTS.contains(k)) {
                errors.add("address: Parameter '" + k + "' is not allowed for this request");
            }
        }
    }

    @Override
    protected StoredEntity doCreate(Caller c, ObjectNode body) {
        POST.validate(body);
        requireName(body, "name", true);
        Account a = c.account();
        checkRefs(a, body);
        var custom = CustomFieldCodec.fromV2(a, "organization", body.get("custom_fields"));
        var addTime = parseAddTime(c, body.get("add_time"));
        ObjectNode d = Json.object();
        d.putNull("name");
        d.put("owner_id", body.has("owner_id") && !body.get("owner_id").isNull() ? body.get("owner_id").asLong() : c.userId());
        d.put("is_deleted", false);
        d.put("visible_to", 3);
        d.putArray("label_ids");
        d.putNull("address");
        for (String k : List.of("website", "linkedin", "industry", "annual_revenue", "employee_count")) {
            d.putNull(k);
        }
        StoredEntity e = a.organizations.insertNumbered(d);
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
        var custom = CustomFieldCodec.fromV2(c.account(), "organization", body.get("custom_fields"));
        apply(e, body);
        CustomFieldCodec.apply(e, custom);
    }

    private static void checkRefs(Account a, ObjectNode body) {
        requireUser(a, body.get("owner_id"), "owner_id");
        checkLabelIds(a, "organization", body.get("label_ids"));
    }

    private static void apply(StoredEntity e, ObjectNode body) {
        for (String k : List.of("name", "owner_id", "visible_to", "website", "linkedin", "industry", "annual_revenue", "employee_count")) {
            if (body.has(k)) {
                e.data.set(k, body.get(k));
            }
        }
        if (body.has("label_ids")) {
            e.data.set("label_ids", body.get("label_ids").isNull() ? Json.array() : body.get("label_ids"));
        }
        if (body.has("address")) {
            JsonNode v = body.get("address");
            if (v.isNull()) {
                e.data.putNull("address");
            } else {
                ObjectNode addr = Json.object().put("value", v.get("value").asText());
                for (String part : CustomFieldCodec.ADDRESS_PARTS) {
                    JsonNode sub = v.get(part);
                    if (sub == null || sub.isNull()) {
                        addr.putNull(part);
                    } else {
                        addr.set(part, sub);
                    }
                }
                e.data.set("address", addr);
            }
        }
    }
}

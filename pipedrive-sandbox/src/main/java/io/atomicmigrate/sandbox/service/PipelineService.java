package io.atomicmigrate.sandbox.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atomicmigrate.sandbox.config.Behaviour;
import io.atomicmigrate.sandbox.repository.Account;
import io.atomicmigrate.sandbox.repository.EntityTable;
import io.atomicmigrate.sandbox.repository.StoredEntity;

/** v2 pipelines (PIPEDRIVE.md 3.9): order_nr read-only, new pipelines go last. */
public final class PipelineService extends V2EntityService {
    private static final StrictBody BODY = StrictBody.of().string("name", 255).bool("is_deal_probability_enabled");

    public PipelineService(SandboxClock clock, Behaviour behaviour) {
        super(clock, behaviour);
    }

    @Override
    public EntityTable table(Account a) {
        return a.pipelines;
    }

    @Override
    protected StoredEntity doCreate(Caller c, ObjectNode body) {
        BODY.validate(body);
        requireName(body, "name", true);
        Account a = c.account();
        long last = a.pipelines.all().stream().mapToLong(p -> p.longField("order_nr")).max().orElse(-1);
        ObjectNode d = Json.object().put("name", body.get("name").asText()).put("order_nr", last + 1)
                .put("is_deleted", false)
                .put("is_deal_probability_enabled", body.path("is_deal_probability_enabled").asBoolean(false));
        return a.pipelines.insertNumbered(d);
    }

    @Override
    protected void doUpdate(Caller c, StoredEntity e, ObjectNode body) {
        BODY.validate(body);
        requireName(body, "name", false);
        if (body.has("name")) {
            e.data.put("name", body.get("name").asText());
        }
        if (body.has("is_deal_probability_enabled")) {
            e.data.put("is_deal_probability_enabled", body.get("is_deal_probability_enabled").asBoolean());
        }
    }
}

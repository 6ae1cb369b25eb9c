package io.atomicmigrate.sandbox.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atomicmigrate.sandbox.config.Behaviour;
import io.atomicmigrate.sandbox.repository.Account;
import io.atomicmigrate.sandbox.repository.EntityTable;
import io.atomicmigrate.sandbox.repository.StoredEntity;

import java.util.Set;

/** v2 stages (PIPEDRIVE.md 3.9): name and an existing pipeline required; new stages go last in their pipeline. */
public final class StageService extends V2EntityService {
    private static final StrictBody BODY = StrictBody.of().string("name", 255).integer("pipeline_id")
            .integer("deal_probability").bool("is_deal_rot_enabled").integer("days_to_rotten");

    public StageService(SandboxClock clock, Behaviour behaviour) {
        super(clock, behaviour);
    }

    @Override
    public EntityTable table(Account a) {
        return a.stages;
    }

    @Override
    protected Set<String> extraSortKeys() {
        return Set.of("order_nr");
    }

    @Override
    protected StoredEntity doCreate(Caller c, ObjectNode body) {
        BODY.validate(body);
        requireName(body, "name", true);
        if (!Json.present(body, "pipeline_id")) {
            throw ApiException.validation("pipeline_id: Parameter 'pipeline_id' is required");
        }
        Account a = c.account();
        check(a, body);
        long pipeline = body.get("pipeline_id").asLong();
        long last = a.stages.where(s -> s.longField("pipeline_id") == pipeline).stream()
                .mapToLong(s -> s.longField("order_nr")).max().orElse(0);
        ObjectNode d = Json.object().put("order_nr", last + 1).put("name", body.get("name").asText()).put("is_deleted", false)
                .put("deal_probability", 100).put("pipeline_id", pipeline).put("is_deal_rot_enabled", false);
        d.putNull("days_to_rotten");
        StoredEntity e = a.stages.insertNumbered(d);
        apply(e, body);
        return e;
    }

    @Override
    protected void doUpdate(Caller c, StoredEntity e, ObjectNode body) {
        BODY.validate(body);
        requireName(body, "name", false);
        check(c.account(), body);
        apply(e, body);
    }

    private static void check(Account a, ObjectNode body) {
        if (Json.present(body, "pipeline_id") && a.pipelines.findLive(body.get("pipeline_id").asLong()).isEmpty()) {
            throw ApiException.notFound("Pipeline with id " + body.get("pipeline_id").asLong() + " not found");
        }
        if (Json.present(body, "deal_probability")) {
            long p = body.get("deal_probability").asLong();
            if (p < 0 || p > 100) {
                throw ApiException.validation("deal_probability: Value must be between 0 and 100");
            }
        }
    }

    private static void apply(StoredEntity e, ObjectNode body) {
        for (String k : new String[]{"name", "pipeline_id", "deal_probability", "is_deal_rot_enabled", "days_to_rotten"}) {
            if (body.has(k)) {
                e.data.set(k, body.get(k));
            }
        }
        if (!e.flag("is_deal_rot_enabled")) {
            e.data.putNull("days_to_rotten");
        }
    }
}

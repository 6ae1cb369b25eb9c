package io.atomicmigrate.sandbox.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atomicmigrate.sandbox.config.Behaviour;
import io.atomicmigrate.sandbox.repository.Account;
import io.atomicmigrate.sandbox.repository.EntityTable;
import io.atomicmigrate.sandbox.repository.StoredEntity;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * v2 deals (PIPEDRIVE.md 3.3): no add_time, stage/pipeline defaulting, status-dependent times,
 * probability 0-100, archived deals hidden from GET /deals and not editable, the open-deals cap.
 */
public final class DealService extends V2EntityService {
    private static final StrictBody BODY = StrictBody.of()
            .string("title", 255).integer("owner_id").integer("person_id").integer("org_id")
            .integer("pipeline_id").integer("stage_id").number("value").string("currency", 3)
            .bool("is_deleted").bool("is_archived").string("archive_time", 64)
            .oneOf("status", "open", "won", "lost").number("probability").string("lost_reason", 255)
            .integerIn("visible_to", "1", "3", "5", "7").string("close_time", 64).string("won_time", 64)
            .string("lost_time", 64).string("expected_close_date", 10).integerArray("label_ids")
            .object("custom_fields", null);

    /** True for the {@code GET /deals/archived} view, which lists only archived deals. */
    private final boolean archivedList;

    public DealService(SandboxClock clock, Behaviour behaviour) {
        this(clock, behaviour, false);
    }

    private DealService(SandboxClock clock, Behaviour behaviour, boolean archivedList) {
        super(clock, behaviour);
        this.archivedList = archivedList;
    }

    @Override
    public EntityTable table(Account a) {
        return a.deals;
    }

    @Override
    protected String fieldEntity() {
        return "deal";
    }

    @Override
    protected boolean listedByDefault(StoredEntity e, Query q) {
        Set<String> statuses = q.list("status", 4);
        if (statuses != null && statuses.contains("deleted")) {
            return e.isDeleted() || (statuses.contains(e.data.path("status").asText()) && !e.flag("is_archived"));
        }
        if (e.isDeleted() || e.flag("is_archived") != archivedList) {
            return false;
        }
        return statuses == null || statuses.contains(e.data.path("status").asText());
    }

    /** {@code GET /deals/archived}: the same deals viewed through the archive. */
    public DealService archivedView() {
        return new DealService(clock, behaviour, true);
    }

    @Override
    protected StoredEntity doCreate(Caller c, ObjectNode body) {
        BODY.validate(body);
        requireName(body, "title", true);
        Account a = c.account();
        if (behaviour.requireDealPersonOrOrg && !Json.present(body, "person_id") && !Json.present(body, "org_id")) {
            throw ApiException.validation("person_id: Either person_id or org_id is required");
        }
        checkCommon(a, body);
        if (a.openDealsCap != null && !"won".equals(body.path("status").asText()) && !"lost".equals(body.path("status").asText())) {
            long open = a.deals.all().stream().filter(d -> !d.isDeleted() && "open".equals(d.data.path("status").asText())).count();
            if (open >= a.openDealsCap) {
                throw ApiException.capping("feature_capping_deals_limit", "Couldn't add the deal. Open deals limit reached.");
            }
        }
        var custom = CustomFieldCodec.fromV2(a, "deal", body.get("custom_fields"));
        long[] placement = placement(a, body, null);
        Instant now = clock.nowSeconds();
        ObjectNode d = Json.object();
        d.putNull("title");
        d.put("creator_user_id", c.userId());
        d.put("owner_id", Json.present(body, "owner_id") ? body.get("owner_id").asLong() : c.userId());
        d.put("value", 0);
        d.putNull("person_id");
        d.putNull("org_id");
        d.put("stage_id", placement[1]);
        d.put("pipeline_id", placement[0]);
        d.put("currency", "EUR");
        d.putNull("archive_time");
        d.put("stage_change_time", Timestamps.v2(now));
        d.put("status", "open");
        d.put("is_archived", false);
        d.put("is_deleted", false);
        d.putNull("probability");
        d.putNull("lost_reason");
        d.put("visible_to", 3);
        for (String k : List.of("close_time", "won_time", "lost_time", "local_won_date", "local_lost_date",
                "local_close_date", "expected_close_date")) {
            d.putNull(k);
        }
        d.putArray("label_ids");
        d.put("origin", "API");
        d.putNull("origin_id");
        d.putNull("channel");
        d.putNull("channel_id");
        d.putNull("source_lead_id");
        d.putNull("acv");
        d.putNull("arr");
        d.putNull("mrr");
        StoredEntity e = a.deals.insertNumbered(d);
        apply(e, body, now);
        CustomFieldCodec.apply(e, custom);
        return e;
    }

    @Override
    protected void doUpdate(Caller c, StoredEntity e, ObjectNode body) {
        BODY.validate(body);
        if (e.flag("is_archived") && !(body.size() == 1 && body.has("is_archived") && !body.get("is_archived").asBoolean())) {
            throw ApiException.badRequest("Archived deals cannot be updated");
        }
        requireName(body, "title", false);
        Account a = c.account();
        checkCommon(a, body);
        var custom = CustomFieldCodec.fromV2(a, "deal", body.get("custom_fields"));
        if (body.has("stage_id") || body.has("pipeline_id")) {
            long[] placement = placement(a, body, e);
            if (placement[1] != e.longField("stage_id")) {
                e.data.put("stage_change_time", Timestamps.v2(clock.nowSeconds()));
            }
            e.data.put("pipeline_id", placement[0]);
            e.data.put("stage_id", placement[1]);
        }
        apply(e, body, clock.nowSeconds());
        CustomFieldCodec.apply(e, custom);
        if (body.path("is_deleted").asBoolean(false)) {
            doDelete(c, e);
        }
    }

    private void checkCommon(Account a, ObjectNode body) {
        requireUser(a, body.get("owner_id"), "owner_id");
        requireLive(a.persons, body.get("person_id"), "person_id", "Person");
        requireLive(a.organizations, body.get("org_id"), "org_id", "Organization");
        checkLabelIds(a, "deal", body.get("label_ids"));
        if (Json.present(body, "probability")) {
            double p = body.get("probability").asDouble();
            if (p < 0 || p > 100) {
                throw ApiException.validation("probability: Value must be between 0 and 100");
            }
        }
        if (Json.present(body, "expected_close_date") && !Timestamps.isDate(body.get("expected_close_date").asText())) {
            throw ApiException.validation("expected_close_date: Expected date 'YYYY-MM-DD'");
        }
        if (Json.present(body, "currency") && !Currencies.isKnown(body.get("currency").asText())) {
            throw ApiException.validation("currency: Unknown currency code '" + body.get("currency").asText() + "'");
        }
        String status = body.path("status").asText("");
        if (Json.present(body, "won_time") && !"won".equals(status)) {
            throw ApiException.validation("won_time: Can only be set together with status 'won'");
        }
        if ((Json.present(body, "lost_time") || Json.present(body, "lost_reason")) && !"lost".equals(status)) {
            throw ApiException.validation("lost_time: Can only be set together with status 'lost'");
        }
        if (Json.present(body, "close_time") && !"won".equals(status) && !"lost".equals(status)) {
            throw ApiException.validation("close_time: Can only be set together with status 'won' or 'lost'");
        }
        for (String k : List.of("won_time", "lost_time", "close_time")) {
            if (Json.present(body, k) && Timestamps.parseEither(body.get(k).asText()) == null) {
                throw ApiException.validation(k + ": Expected RFC 3339 date-time");
            }
        }
        if (Json.present(body, "archive_time") && Timestamps.parseEither(body.get("archive_time").asText()) == null) {
            throw ApiException.validation("archive_time: Expected 'YYYY-MM-DD HH:MM:SS'");
        }
    }

    /** [pipeline_id, stage_id]: a stage implies its pipeline; a pipeline alone means its first stage. */
    private static long[] placement(Account a, ObjectNode body, StoredEntity existing) {
        JsonNode stageId = body.get("stage_id");
        JsonNode pipelineId = body.get("pipeline_id");
        if (Json.present(body, "stage_id")) {
            StoredEntity stage = a.stages.findLive(stageId.asLong())
                    .orElseThrow(() -> ApiException.notFound("Stage with id " + stageId.asLong() + " not found"));
            long p = stage.longField("pipeline_id");
            if (Json.present(body, "pipeline_id") && pipelineId.asLong() != p) {
                throw ApiException.validation("stage_id: Stage " + stageId.asLong() + " does not belong to pipeline " + pipelineId.asLong());
            }
            return new long[]{p, stage.id};
        }
        long p;
        if (Json.present(body, "pipeline_id")) {
            p = a.pipelines.findLive(pipelineId.asLong())
                    .orElseThrow(() -> ApiException.notFound("Pipeline with id " + pipelineId.asLong() + " not found")).id;
        } else if (existing != null) {
            return new long[]{existing.longField("pipeline_id"), existing.longField("stage_id")};
        } else {
            p = a.pipelines.where(x -> !x.isDeleted()).stream()
                    .min(Comparator.comparingLong((StoredEntity x) -> x.longField("order_nr")).thenComparingLong(x -> x.id))
                    .orElseThrow(() -> ApiException.badRequest("No pipeline exists")).id;
        }
        long pipeline = p;
        StoredEntity first = a.stages.where(s -> !s.isDeleted() && s.longField("pipeline_id") == pipeline).stream()
                .min(Comparator.comparingLong((StoredEntity x) -> x.longField("order_nr")).thenComparingLong(x -> x.id))
                .orElseThrow(() -> ApiException.badRequest("Pipeline " + pipeline + " has no stages"));
        return new long[]{pipeline, first.id};
    }

    private static void apply(StoredEntity e, ObjectNode body, Instant now) {
        ObjectNode d = e.data;
        for (String k : List.of("title", "owner_id", "person_id", "org_id", "value", "currency", "probability",
                "lost_reason", "visible_to", "expected_close_date")) {
            if (body.has(k)) {
                d.set(k, body.get(k));
            }
        }
        if (body.has("label_ids")) {
            d.set("label_ids", body.get("label_ids").isNull() ? Json.array() : body.get("label_ids"));
        }
        if (body.has("status")) {
            String status = body.get("status").asText();
            String old = d.path("status").asText();
            d.put("status", status);
            if (!status.equals(old)) {
                for (String k : List.of("won_time", "lost_time", "close_time", "local_won_date", "local_lost_date", "local_close_date")) {
                    d.putNull(k);
                }
                if (!"open".equals(status)) {
                    String t = Timestamps.v2(now);
                    d.put(status + "_time", t);
                    d.put("close_time", t);
                    d.put("local_" + status + "_date", t.substring(0, 10));
                    d.put("local_close_date", t.substring(0, 10));
                }
            }
        }
        for (String k : List.of("won_time", "lost_time", "close_time")) {
            if (Json.present(body, k)) {
                d.put(k, Timestamps.v2(Timestamps.parseEither(body.get(k).asText())));
            }
        }
        if (body.has("is_archived")) {
            boolean archived = body.get("is_archived").asBoolean();
            d.put("is_archived", archived);
            if (!archived) {
                d.putNull("archive_time");
            } else if (!Json.present(body, "archive_time")) {
                d.put("archive_time", Timestamps.v2(now));
            }
        }
        if (Json.present(body, "archive_time")) {
            d.put("archive_time", Timestamps.v2(Timestamps.parseEither(body.get("archive_time").asText())));
        }
    }
}

package io.atomicmigrate.mapper.service.transform;

import com.fasterxml.jackson.databind.JsonNode;
import io.atomicmigrate.common.events.Phase;
import io.atomicmigrate.common.map.ObjectMapping;

/**
 * Where an Atomic CRM deal becomes a Pipedrive deal: category → pipeline, stage → stage (won/lost
 * → status), first contact → person, the others → participants. Pipedrive wants a person or an
 * organization on every deal, so a deal with neither is rejected rather than half-loaded.
 */
public final class DealToDeal extends ObjectTransformer {

    @Override
    public String table() {
        return "deals";
    }

    @Override
    public String object(Phase phase) {
        return "deal";
    }

    @Override
    public TransformOutcome transform(String sourceId, JsonNode row, Phase phase, ObjectMapping mapping, TransformRun run) {
        MappedRecordDraft deal = applyLines(sourceId, row, mapping, "deal", run);
        if (!deal.payload().has("person_id") && !deal.payload().has("org_id")) {
            deal.reject("contact_ids", "DEAL_WITHOUT_PERSON_OR_ORGANIZATION",
                    "the deal has no company and no existing contact; Pipedrive needs one of them");
        }
        if (deal.rejected()) {
            return reject(deal, row, run);
        }
        return TransformOutcome.of(deal.toMapped("deals:" + sourceId, run.mapVersion()));
    }
}

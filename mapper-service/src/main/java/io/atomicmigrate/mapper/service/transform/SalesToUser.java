package io.atomicmigrate.mapper.service.transform;

import com.fasterxml.jackson.databind.JsonNode;
import io.atomicmigrate.common.events.Phase;
import io.atomicmigrate.common.map.ObjectMapping;

/**
 * Where a CRM user (sales row) becomes an owner to reconcile with a Pipedrive user by e-mail.
 * 'Pending' names were never set (SSO sign-ins); the e-mail is what counts.
 */
public final class SalesToUser extends ObjectTransformer {

    @Override
    public String table() {
        return "sales";
    }

    @Override
    public String object(Phase phase) {
        return "user";
    }

    /** Pipedrive users belong to the customer's account, not to the migration: a deleted CRM user deletes nobody. */
    @Override
    public TransformOutcome deleted(String sourceId, Phase phase, TransformRun run) {
        return skip(sourceId, phase, "sales " + sourceId + " was deleted in the source; Pipedrive users belong to the"
                + " account, so the migration does not delete them", run);
    }

    @Override
    public TransformOutcome transform(String sourceId, JsonNode row, Phase phase, ObjectMapping mapping, TransformRun run) {
        MappedRecordDraft user = applyLines(sourceId, row, mapping, "user", run);
        if ("Pending Pending".equals(user.payload().path("name").asText())) {
            user.payload().remove("name");
            user.warn("PENDING_NAME", "first_name", "the name was never set (SSO sign-in); matched by e-mail only");
        }
        if (user.rejected()) {
            return reject(user, row, run);
        }
        String email = user.payload().path("email").asText("sales:" + sourceId);
        return TransformOutcome.of(user.toMapped(email, run.mapVersion()));
    }
}

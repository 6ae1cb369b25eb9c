package io.atomicmigrate.loader.repository;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One row of the id ledger: what a source row became in Pipedrive (see V1__ledger_and_budget.sql).
 *
 * @param state intent (a create may be in flight or may have happened), done, failed or deleted
 * @param lastAttemptAt when the last intent (or result) was written: a create sent then may still be in flight
 * @param how   created, merged (into an existing record, before-image kept) or matched (a user or label that existed)
 * @param runId the run whose outcome is stored: a redelivery within it re-publishes that outcome, another run
 *              that finds the same request reports UNCHANGED
 */
public record LedgerEntry(String migrationId, String sourceTable, String sourceId, String object, String marker,
                          String state, String how, String pipedriveId, long accountId, String requestHash,
                          JsonNode beforeImage, JsonNode outcome, Instant intentAt,
                          Instant lastAttemptAt, String runId) {

    public boolean done() {
        return "done".equals(state);
    }

    public boolean deleted() {
        return "deleted".equals(state);
    }

    public boolean openIntent() {
        return "intent".equals(state);
    }
}

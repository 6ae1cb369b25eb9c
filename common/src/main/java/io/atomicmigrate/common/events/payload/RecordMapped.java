package io.atomicmigrate.common.events.payload;

import com.fasterxml.jackson.databind.JsonNode;
import io.atomicmigrate.common.events.EventPayload;
import java.util.List;

/**
 * One destination write the loader will make.
 *
 * @param sourceTable the source row's table
 * @param sourceId    the source row's id
 * @param object      the Pipedrive object: organization, person, lead, deal, note, activity, file
 * @param dedupKey    what identifies the destination record (e.g. a lowercased email)
 * @param payload     the Pipedrive request body, with symbolic references instead of Pipedrive ids
 * @param references  source rows this record points at; the loader resolves them from its ledger
 * @param warnings    documented losses or changes (a truncation, a dropped dangling id, ...)
 * @param mapVersion  the approved map version that produced it
 * @param marker      the value of the hidden marker custom field ({@code atomic_crm_id}) for idempotent
 *                    creates: {@code <table>:<sourceId>}, the same on every redelivery
 * @param action      what the loader is asked to do: {@link Action#UPSERT} (null on the wire means the same),
 *                    {@link Action#DELETE} or {@link Action#SKIP}
 */
public record RecordMapped(
        String sourceTable,
        String sourceId,
        String object,
        String dedupKey,
        JsonNode payload,
        List<Reference> references,
        List<String> warnings,
        int mapVersion,
        String marker,
        Action action) implements EventPayload {

    /** An ordinary write: create the record, or update/merge it when it already exists. */
    public RecordMapped(String sourceTable, String sourceId, String object, String dedupKey, JsonNode payload,
                        List<Reference> references, List<String> warnings, int mapVersion, String marker) {
        this(sourceTable, sourceId, object, dedupKey, payload, references, warnings, mapVersion, marker, Action.UPSERT);
    }

    public RecordMapped {
        if (action == null) {
            action = Action.UPSERT;
        }
    }

    /**
     * What the loader does with a mapped record, so that every extracted row has exactly one
     * mapper verdict (DESIGN §7: extracted = mapped + rejected).
     */
    public enum Action {
        /** Create the record (or merge/update it per the map's dedup policy): outcome CREATED/MERGED/UPDATED/UNCHANGED/FAILED. */
        UPSERT,
        /**
         * A delta run saw the source row deleted: delete what the ledger says we created for it
         * (outcome DELETED); the payload is empty.
         */
        DELETE,
        /**
         * The row produces no write in this phase under the approved map (e.g. a contact that is a
         * Person, not a Lead, read again in the LEADS phase). The loader makes no call and publishes
         * no outcome; the reconciler counts it as skipped. {@code warnings[0]} says why.
         */
        SKIP
    }

    /**
     * A pointer from a payload field to another source row (e.g. org_id → companies/12).
     *
     * @param symbol the reference in words, e.g. "organization of companies 17", for people reading topics
     */
    public record Reference(String field, String table, String sourceId, String symbol) {
    }
}

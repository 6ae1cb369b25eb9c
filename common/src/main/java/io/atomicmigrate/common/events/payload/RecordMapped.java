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
        String marker) implements EventPayload {

    /**
     * A pointer from a payload field to another source row (e.g. org_id → companies/12).
     *
     * @param symbol the reference in words, e.g. "organization of companies 17", for people reading topics
     */
    public record Reference(String field, String table, String sourceId, String symbol) {
    }
}

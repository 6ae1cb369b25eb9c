package io.atomicmigrate.common.events.payload;

import com.fasterxml.jackson.databind.JsonNode;
import io.atomicmigrate.common.events.SourceRowPayload;

/**
 * One source row as the extractor read it.
 *
 * @param table    the Atomic CRM table (current name, even when the database uses a legacy one)
 * @param sourceId the row's id, as text
 * @param row      the row as canonical JSON (sorted keys, ISO timestamps in UTC); absent for a deletion
 * @param rowHash  SHA-256 hex of the canonical JSON: the delta run compares it with the last run's;
 *                 for a deletion, the hash the row had when it was last seen
 * @param change   DELTA runs only: NEW, CHANGED or DELETED since the previous run; null in full and sample runs
 */
public record RecordExtracted(String table, String sourceId, JsonNode row, String rowHash, Change change)
        implements SourceRowPayload {

    /** A row of a full or sample run. */
    public RecordExtracted(String table, String sourceId, JsonNode row, String rowHash) {
        this(table, sourceId, row, rowHash, null);
    }

    /** What a delta run says about a row. */
    public enum Change { NEW, CHANGED, DELETED }
}

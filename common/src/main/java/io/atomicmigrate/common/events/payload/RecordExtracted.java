package io.atomicmigrate.common.events.payload;

import com.fasterxml.jackson.databind.JsonNode;
import io.atomicmigrate.common.events.SourceRowPayload;

/**
 * One source row as the extractor read it.
 *
 * @param table    the Atomic CRM table (current name, even when the database uses a legacy one)
 * @param sourceId the row's id, as text
 * @param row      the row as canonical JSON (sorted keys, ISO timestamps in UTC)
 * @param rowHash  SHA-256 hex of the canonical JSON: the delta run compares it with the last run's
 */
public record RecordExtracted(String table, String sourceId, JsonNode row, String rowHash) implements SourceRowPayload {
}

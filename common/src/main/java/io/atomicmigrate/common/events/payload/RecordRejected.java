package io.atomicmigrate.common.events.payload;

import com.fasterxml.jackson.databind.JsonNode;
import io.atomicmigrate.common.events.SourceRowPayload;
import java.util.List;

/**
 * A source row that cannot be migrated as it is. Nothing is dropped silently: the row
 * travels with its reasons so a person can fix the map or the data and retry.
 *
 * @param mapVersion the map version that rejected it, or null when no map applied (e.g. none approved)
 */
public record RecordRejected(String table, String sourceId, List<Reason> reasons, JsonNode originalRow,
                             Integer mapVersion) implements SourceRowPayload {

    /** Why one field (or the whole row, field = null) failed validation. */
    public record Reason(String field, String code, String message) {
    }
}

package io.atomicmigrate.extractor.service.extraction;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One source row in canonical form: sorted keys, UTC timestamps, current column names; and its SHA-256.
 * {@code row} usually holds the canonical bytes as a raw JSON value (see {@link RowCanonicalizer}).
 */
public record CanonicalRow(String table, long id, JsonNode row, String hash) {

    public String sourceId() {
        return Long.toString(id);
    }
}

package io.atomicmigrate.extractor.service.extraction;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One source row in canonical form: sorted keys, UTC timestamps, current column names; and its SHA-256.
 * {@code row} usually holds the canonical bytes as a raw JSON value (see {@link RowCanonicalizer}).
 * {@code sourceId} is the id as text, made once: the key, the event and the row hashes all use it.
 */
public record CanonicalRow(String table, long id, String sourceId, JsonNode row, String hash) {

    public CanonicalRow(String table, long id, JsonNode row, String hash) {
        this(table, id, Long.toString(id), row, hash);
    }
}

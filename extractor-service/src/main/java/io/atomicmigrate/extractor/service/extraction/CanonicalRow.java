package io.atomicmigrate.extractor.service.extraction;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** One source row in canonical form: sorted keys, UTC timestamps, current column names; and its SHA-256. */
public record CanonicalRow(String table, long id, ObjectNode row, String hash) {

    public String sourceId() {
        return Long.toString(id);
    }
}

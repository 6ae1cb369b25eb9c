package io.atomicmigrate.sandbox.repository;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One stored record of any entity type. Attributes live in {@code data} in the form the entity's
 * own API version returns them; timestamps and custom-field values are kept apart because they
 * are rendered differently by v1 and v2 (PIPEDRIVE.md 4 and 5.1).
 */
public final class StoredEntity {
    /** Numeric id, or 0 for UUID-keyed entities (leads, lead labels). */
    public final long id;
    /** The id as it appears in paths: the number or the UUID. */
    public final String key;
    public final ObjectNode data;
    /** Custom-field values in the canonical v2 form, by field key (40-hex). */
    public final Map<String, JsonNode> customFields = new LinkedHashMap<>();
    public Instant addTime;
    public Instant updateTime;
    /** When it was soft-deleted, or null. */
    public Instant deletedAt;

    public StoredEntity(long id, String key, ObjectNode data) {
        this.id = id;
        this.key = key;
        this.data = data;
    }

    public boolean isDeleted() {
        return deletedAt != null;
    }

    public boolean flag(String field) {
        return data.path(field).asBoolean(false);
    }

    public long longField(String field) {
        return data.path(field).asLong(0);
    }
}

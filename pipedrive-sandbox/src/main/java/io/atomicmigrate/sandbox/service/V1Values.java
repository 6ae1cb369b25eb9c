package io.atomicmigrate.sandbox.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atomicmigrate.sandbox.repository.EntityTable;

import java.util.Iterator;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reading v1 bodies, which may be JSON or form-encoded (so ids may arrive as "12"). v1 is
 * laxer about types than v2, but the rules of checklist 7 still apply.
 */
public final class V1Values {
    public static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private V1Values() {
    }

    /** An integer id given as number or numeric string, or null when absent/null. */
    public static Long id(ObjectNode body, String key) {
        JsonNode v = body.get(key);
        if (v == null || v.isNull() || (v.isTextual() && v.asText().isEmpty())) {
            return null;
        }
        if (v.isIntegralNumber()) {
            return v.asLong();
        }
        if (v.isTextual() && v.asText().matches("\\d+")) {
            return Long.parseLong(v.asText());
        }
        throw ApiException.badRequest("Invalid " + key + ": expected an integer");
    }

    public static Long existing(ObjectNode body, String key, EntityTable table, String what) {
        Long id = id(body, key);
        if (id != null && table.findLive(id).isEmpty()) {
            throw ApiException.notFound(what + " not found");
        }
        return id;
    }

    public static String text(ObjectNode body, String key) {
        JsonNode v = body.get(key);
        return v == null || v.isNull() ? null : v.asText();
    }

    /** Rejects properties that are neither allowed nor custom-field keys (40-hex, with v1 suffixes). */
    public static void onlyKnown(ObjectNode body, Set<String> allowed) {
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!allowed.contains(k)) {
                throw ApiException.badRequest("Parameter '" + k + "' is not allowed for this request");
            }
        }
    }
}

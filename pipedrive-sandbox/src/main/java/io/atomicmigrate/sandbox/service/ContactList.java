package io.atomicmigrate.sandbox.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The v2 {@code emails}/{@code phones} arrays: objects {value*, primary, label}; label defaults to
 * "work"; at most one primary, the first becomes primary when none is (D: MIG).
 */
final class ContactList {
    static final Set<String> EMAIL_LABELS = Set.of("work", "home", "other");
    static final Set<String> PHONE_LABELS = Set.of("work", "home", "mobile", "other");

    private ContactList() {
    }

    static BiConsumer<JsonNode, List<String>> check(String name, Set<String> labels) {
        return (arr, errors) -> {
            int primaries = 0;
            for (JsonNode item : arr) {
                if (!item.path("value").isTextual()) {
                    errors.add(name + ": Expected 'string' as value of 'value'");
                    return;
                }
                if (item.path("value").asText().length() > 255) {
                    errors.add(name + ": Value must be at most 255 characters long");
                }
                if (item.has("primary") && !item.get("primary").isBoolean()) {
                    errors.add(name + ": Expected 'boolean' as value of 'primary'");
                    return;
                }
                if (item.path("primary").asBoolean(false)) {
                    primaries++;
                }
                if (item.has("label") && (!item.get("label").isTextual() || !labels.contains(item.get("label").asText()))) {
                    errors.add(name + ": 'label' must be one of " + String.join(", ", new java.util.TreeSet<>(labels)));
                    return;
                }
                for (Iterator<String> it = item.fieldNames(); it.hasNext(); ) {
                    String k = it.next();
                    if (!Set.of("value", "primary", "label").contains(k)) {
                        errors.add(name + ": Parameter '" + k + "' is not allowed for this request");
                        return;
                    }
                }
            }
            if (primaries > 1) {
                errors.add(name + ": Only one primary " + name.substring(0, name.length() - 1) + " is allowed");
            }
        };
    }

    static ArrayNode normalize(JsonNode arr) {
        ArrayNode out = Json.array();
        if (arr == null || arr.isNull()) {
            return out;
        }
        boolean anyPrimary = false;
        for (JsonNode item : arr) {
            anyPrimary |= item.path("primary").asBoolean(false);
        }
        boolean first = true;
        for (JsonNode item : arr) {
            ObjectNode o = out.addObject();
            o.put("value", item.path("value").asText());
            o.put("primary", item.path("primary").asBoolean(false) || (!anyPrimary && first));
            o.put("label", item.path("label").asText("work"));
            first = false;
        }
        return out;
    }
}

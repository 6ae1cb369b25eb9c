package io.atomicmigrate.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atomicmigrate.sandbox.PipedriveSandbox;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;

/**
 * What one sandbox account holds, read through the sandbox's inspection API (its export: every
 * stored row and field definition), with the lookups the end-to-end assertions need: records by
 * the hidden marker field, custom field values by field name, option ids back to labels.
 */
final class AccountContents {

    private final ObjectNode export;

    private AccountContents(ObjectNode export) {
        this.export = export;
    }

    static AccountContents of(PipedriveSandbox sandbox, String domain) {
        return new AccountContents(sandbox.admin().export(domain));
    }

    /** Stored rows of a type that are not deleted (persons, organizations, deals, notes, ...). */
    List<JsonNode> live(String type) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode row : export.path("entities").path(type)) {
            if (!row.path("is_deleted").asBoolean(false) && row.path("deleted_at").isNull()
                    && row.path("active_flag").asBoolean(true)) {
                out.add(row);
            }
        }
        return out;
    }

    /** Every stored row of a type, deleted ones too. */
    List<JsonNode> all(String type) {
        List<JsonNode> out = new ArrayList<>();
        export.path("entities").path(type).forEach(out::add);
        return out;
    }

    /** The definition of a field of person / organization / deal by its name, e.g. "Atomic CRM id". */
    Optional<JsonNode> field(String entity, String name) {
        return StreamSupport.stream(export.path("fields").path(entity).spliterator(), false)
                .filter(f -> name.equals(f.path("field_name").asText()) && !f.path("is_deleted").asBoolean(false))
                .findFirst();
    }

    /** The marker field's key on an entity: what makes every record we created findable. */
    String markerKey(String entity) {
        return field(entity, "Atomic CRM id").orElseThrow(() -> new AssertionError("no marker field on " + entity))
                .path("field_code").asText();
    }

    /** Live records of an entity by their marker value ({@code <table>:<id>}); duplicates would collide. */
    Map<String, List<JsonNode>> byMarker(String entity) {
        String key = markerKey(entity);
        Map<String, List<JsonNode>> out = new HashMap<>();
        for (JsonNode row : live(entity)) {
            JsonNode marker = row.path("custom_fields").path(key);
            if (!marker.isMissingNode() && !marker.isNull()) {
                out.computeIfAbsent(marker.asText(), k -> new ArrayList<>()).add(row);
            }
        }
        return out;
    }

    /** A custom field's value with options turned back into their labels (enum → label, set → labels). */
    JsonNode customValue(String entity, JsonNode row, JsonNode field) {
        JsonNode value = row.path("custom_fields").path(field.path("field_code").asText());
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        Map<Long, String> labels = new HashMap<>();
        field.path("options").forEach(o -> labels.put(o.path("id").asLong(), o.path("label").asText()));
        if ("enum".equals(field.path("field_type").asText()) && value.isNumber()) {
            return com.fasterxml.jackson.databind.node.TextNode.valueOf(labels.get(value.asLong()));
        }
        if ("set".equals(field.path("field_type").asText()) && value.isArray()) {
            var array = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
            value.forEach(id -> array.add(labels.get(id.asLong())));
            return array;
        }
        return value;
    }

    long companyId() {
        return export.path("company_id").asLong();
    }
}

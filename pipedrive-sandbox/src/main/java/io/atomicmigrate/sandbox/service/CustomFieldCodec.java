package io.atomicmigrate.sandbox.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atomicmigrate.sandbox.repository.Account;
import io.atomicmigrate.sandbox.repository.FieldDefinition;
import io.atomicmigrate.sandbox.repository.StoredEntity;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Custom-field values in the two wire formats of PIPEDRIVE.md 4. Values are stored in the v2 form
 * (enum id as number, set as array of numbers, monetary/daterange/time/address as objects) and
 * rendered flat with suffix keys for v1.
 */
public final class CustomFieldCodec {
    public static final List<String> ADDRESS_PARTS = List.of("subpremise", "street_number", "route", "sublocality",
            "locality", "admin_area_level_1", "admin_area_level_2", "country", "postal_code", "formatted_address");

    private CustomFieldCodec() {
    }

    public static FieldDefinition liveCustomField(Account a, String entity, String key) {
        for (FieldDefinition f : a.fields.get(entity)) {
            if (f.custom && f.code.equals(key)) {
                return f;
            }
        }
        return null;
    }

    private static boolean isDeletedCustomField(Account a, String entity, String key) {
        return a.fields.get(entity).stream().anyMatch(f -> f.custom && f.deleted && f.code.equals(key));
    }

    /** Reads a v2 {@code custom_fields} object; null values clear. Deleted fields are ignored (D: CF). */
    public static Map<String, JsonNode> fromV2(Account a, String entity, JsonNode customFields) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        if (customFields == null || customFields.isNull()) {
            return out;
        }
        if (!customFields.isObject()) {
            throw ApiException.validation("custom_fields: Expected 'object' as value");
        }
        List<String> errors = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = customFields.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            FieldDefinition f = liveCustomField(a, entity, e.getKey());
            if (f == null || f.deleted) {
                if (!isDeletedCustomField(a, entity, e.getKey())) {
                    errors.add("custom_fields: Parameter '" + e.getKey() + "' is not allowed for this request");
                }
                continue;
            }
            JsonNode v = e.getValue();
            if (v.isNull()) {
                out.put(f.code, v);
                continue;
            }
            JsonNode canonical = canonicalV2(a, f, v, errors);
            if (canonical != null) {
                out.put(f.code, canonical);
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation(String.join("; ", errors));
        }
        return out;
    }

    private static JsonNode canonicalV2(Account a, FieldDefinition f, JsonNode v, List<String> errors) {
        String p = "custom_fields: ";
        switch (f.type) {
            case "varchar", "varchar_auto", "phone", "text" -> {
                int max = "text".equals(f.type) ? 65_536 : 255;
                if (!v.isTextual()) {
                    errors.add(p + "Expected 'string' as value for " + f.type + " custom field '" + f.code + "'");
                } else if (v.asText().length() > max) {
                    errors.add(p + "Value of custom field '" + f.code + "' must be at most " + max + " characters long");
                } else {
                    return v;
                }
            }
            case "double" -> {
                if (!v.isNumber()) {
                    errors.add(p + "Expected 'number' as value for numeric custom field '" + f.code + "'");
                } else {
                    return v;
                }
            }
            case "monetary" -> {
                if (!v.isObject() || !v.path("value").isNumber()
                        || (v.has("currency") && !v.get("currency").isTextual()) || hasOtherKeys(v, Set.of("value", "currency"))) {
                    errors.add(p + "Expected object {value: number, currency: string} for monetary custom field '" + f.code + "'");
                } else {
                    ObjectNode m = Json.object().put("value", v.get("value").decimalValue());
                    m.put("currency", v.has("currency") ? v.get("currency").asText() : "EUR");
                    return m;
                }
            }
            case "enum" -> {
                if (!StrictBody.isInteger(v)) {
                    errors.add(p + "Expected 'number' as value for single option custom field '" + f.code + "'");
                } else if (!f.hasOption(v.asLong())) {
                    errors.add(p + "Option id " + v.asLong() + " does not belong to custom field '" + f.code + "'");
                } else {
                    return Json.NODES.numberNode(v.asLong());
                }
            }
            case "set" -> {
                if (!v.isArray() || v.isEmpty()) {
                    errors.add(p + "Expected non-empty array of numbers for multiple options custom field '" + f.code + "' (use null to clear)");
                } else {
                    ArrayNode ids = Json.array();
                    for (JsonNode item : v) {
                        if (!StrictBody.isInteger(item)) {
                            errors.add(p + "Expected 'number' items for multiple options custom field '" + f.code + "'");
                            return null;
                        }
                        if (!f.hasOption(item.asLong())) {
                            errors.add(p + "Option id " + item.asLong() + " does not belong to custom field '" + f.code + "'");
                            return null;
                        }
                        ids.add(item.asLong());
                    }
                    return ids;
                }
            }
            case "user", "org", "people" -> {
                if (!StrictBody.isInteger(v)) {
                    errors.add(p + "Expected 'integer' as value for custom field '" + f.code + "'");
                } else {
                    var table = switch (f.type) {
                        case "user" -> a.users;
                        case "org" -> a.organizations;
                        default -> a.persons;
                    };
                    if (table.findLive(v.asLong()).isEmpty()) {
                        errors.add(p + "Referenced " + f.type + " " + v.asLong() + " of custom field '" + f.code + "' does not exist");
                    } else {
                        return Json.NODES.numberNode(v.asLong());
                    }
                }
            }
            case "date" -> {
                if (!v.isTextual() || !Timestamps.isDate(v.asText())) {
                    errors.add(p + "Expected date 'YYYY-MM-DD' for custom field '" + f.code + "'");
                } else {
                    return v;
                }
            }
            case "daterange" -> {
                if (!v.isObject() || !v.path("value").isTextual() || !Timestamps.isDate(v.path("value").asText())
                        || !v.path("until").isTextual() || !Timestamps.isDate(v.path("until").asText())
                        || hasOtherKeys(v, Set.of("value", "until"))) {
                    errors.add(p + "Expected object {value: date, until: date} for custom field '" + f.code + "'");
                } else {
                    return v;
                }
            }
            case "time", "timerange" -> {
                boolean range = "timerange".equals(f.type);
                if (!v.isObject() || !v.path("value").isTextual() || !Timestamps.isTime(v.path("value").asText())
                        || (range && (!v.path("until").isTextual() || !Timestamps.isTime(v.path("until").asText())))
                        || hasOtherKeys(v, range ? Set.of("value", "until", "timezone_id", "timezone_name")
                        : Set.of("value", "timezone_id", "timezone_name"))) {
                    errors.add(p + "Expected object {value: 'HH:MM:SS'" + (range ? ", until" : "") + "} for custom field '" + f.code + "'");
                } else {
                    ObjectNode t = ((ObjectNode) v).deepCopy();
                    if (!t.has("timezone_name")) {
                        t.put("timezone_name", "Europe/London");
                    }
                    if (!range && !t.has("timezone_id")) {
                        t.put("timezone_id", 318);
                    }
                    return t;
                }
            }
            case "address" -> {
                if (!v.isObject() || !v.path("value").isTextual()) {
                    errors.add(p + "Expected object with 'value' for address custom field '" + f.code + "'");
                } else {
                    ObjectNode addr = Json.object().put("value", v.get("value").asText());
                    for (String part : ADDRESS_PARTS) {
                        JsonNode sub = v.get(part);
                        if (sub == null || sub.isNull()) {
                            addr.putNull(part);
                        } else {
                            addr.set(part, sub);
                        }
                    }
                    return addr;
                }
            }
            default -> {
                return v;
            }
        }
        return null;
    }

    private static boolean hasOtherKeys(JsonNode v, Set<String> allowed) {
        for (Iterator<String> it = v.fieldNames(); it.hasNext(); ) {
            if (!allowed.contains(it.next())) {
                return true;
            }
        }
        return false;
    }

    /** Applies parsed values: null removes the key. */
    public static void apply(StoredEntity e, Map<String, JsonNode> values) {
        values.forEach((k, v) -> {
            if (v == null || v.isNull()) {
                e.customFields.remove(k);
            } else {
                e.customFields.put(k, v);
            }
        });
    }

    /** v2 {@code custom_fields}: set values only, filtered to {@code only} when given, option labels when asked. */
    public static ObjectNode renderV2(Account a, String entity, StoredEntity e, Set<String> only, boolean optionLabels) {
        ObjectNode out = Json.object();
        for (FieldDefinition f : a.fields.get(entity)) {
            if (!f.custom || f.deleted || (only != null && !only.contains(f.code))) {
                continue;
            }
            JsonNode v = e.customFields.get(f.code);
            if (v == null) {
                continue;
            }
            if (optionLabels && "enum".equals(f.type)) {
                out.set(f.code, optionLabel(f, v.asLong()));
            } else if (optionLabels && "set".equals(f.type)) {
                ArrayNode arr = out.putArray(f.code);
                v.forEach(id -> arr.add(optionLabel(f, id.asLong())));
            } else {
                out.set(f.code, v);
            }
        }
        return out;
    }

    private static ObjectNode optionLabel(FieldDefinition f, long id) {
        FieldDefinition.FieldOption o = f.option(id);
        return Json.object().put("id", id).put("label", o == null ? null : o.label);
    }

    /** v1 flat rendering: hash key at top level plus suffix keys for multi-part types. */
    public static void renderV1Flat(Account a, String entity, StoredEntity e, ObjectNode out) {
        for (FieldDefinition f : a.fields.get(entity)) {
            if (!f.custom || f.deleted) {
                continue;
            }
            JsonNode v = e.customFields.get(f.code);
            if (v == null) {
                continue;
            }
            switch (f.type) {
                case "monetary" -> {
                    out.set(f.code, v.get("value"));
                    out.set(f.code + "_currency", v.get("currency"));
                }
                case "enum" -> out.put(f.code, v.asText());
                case "set" -> {
                    List<String> ids = new ArrayList<>();
                    v.forEach(id -> ids.add(id.asText()));
                    out.put(f.code, String.join(",", ids));
                }
                case "daterange", "timerange" -> {
                    out.set(f.code, v.get("value"));
                    out.set(f.code + "_until", v.get("until"));
                }
                case "time" -> out.set(f.code, v.get("value"));
                case "address" -> {
                    out.set(f.code, v.get("value"));
                    for (String part : ADDRESS_PARTS) {
                        out.set(f.code + "_" + part, v.get(part));
                    }
                }
                default -> out.set(f.code, v);
            }
        }
    }

    /**
     * v1 flat input (leads use deal fields): consumes the hash keys and their suffix keys from
     * {@code body} and returns canonical values.
     */
    public static Map<String, JsonNode> fromV1Flat(Account a, String entity, ObjectNode body) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        ObjectNode asV2 = Json.object();
        for (FieldDefinition f : a.fields.get(entity)) {
            if (!f.custom || !body.has(f.code)) {
                continue;
            }
            JsonNode v = body.remove(f.code);
            if (f.deleted) {
                continue;
            }
            JsonNode until = body.remove(f.code + "_until");
            JsonNode currency = body.remove(f.code + "_currency");
            ObjectNode address = Json.object();
            for (String part : ADDRESS_PARTS) {
                JsonNode sub = body.remove(f.code + "_" + part);
                if (sub != null) {
                    address.set(part, sub);
                }
            }
            if (v.isNull()) {
                asV2.set(f.code, v);
                continue;
            }
            switch (f.type) {
                case "monetary" -> asV2.set(f.code, Json.object().<ObjectNode>set("value", v)
                        .put("currency", currency == null || currency.isNull() ? "EUR" : currency.asText()));
                case "enum" -> asV2.set(f.code, v.isTextual() && v.asText().matches("\\d+")
                        ? Json.NODES.numberNode(Long.parseLong(v.asText())) : v);
                case "set" -> {
                    ArrayNode ids = Json.array();
                    if (v.isTextual()) {
                        for (String part : v.asText().split(",")) {
                            if (part.trim().matches("\\d+")) {
                                ids.add(Long.parseLong(part.trim()));
                            } else {
                                ids.add(part);
                            }
                        }
                    } else if (v.isNumber()) {
                        ids.add(v.asLong());
                    } else {
                        ids.add(v);
                    }
                    asV2.set(f.code, ids);
                }
                case "daterange", "timerange" -> asV2.set(f.code, Json.object().<ObjectNode>set("value", v).set("until", until));
                case "time" -> asV2.set(f.code, Json.object().set("value", v));
                case "address" -> asV2.set(f.code, address.set("value", v));
                default -> asV2.set(f.code, v);
            }
        }
        out.putAll(fromV2(a, entity, asV2));
        return out;
    }
}

package io.atomicmigrate.reconciler.service;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compares what was sent for one record with what Pipedrive returns for it, field by field.
 * Only what can be compared honestly is compared; everything else is listed as not compared,
 * with why (a symbolic reference resolved by the loader, a field the list endpoint does not
 * return), so the report never claims more than it checked. Option fields (enum, set) come back
 * as option ids; given the entity's field definitions they are translated to labels and compared.
 */
public final class FieldComparison {

    private static final Pattern TIMESTAMP = Pattern.compile("^(\\d{4}-\\d{2}-\\d{2})(?:[T ](\\d{2}:\\d{2})(?::(\\d{2}))?(?:\\.\\d+)?)?(?:Z|[+-]00:?00)?$");

    /** One field whose value in Pipedrive is not what was sent. */
    public record Mismatch(String field, String sent, String found) {
    }

    /** The comparison of one record. */
    public record Result(int fieldsChecked, List<Mismatch> mismatches, List<String> notCompared) {
    }

    private FieldComparison() {
    }

    /**
     * @param entity          the Pipedrive entity whose fields the record has (a lead has deal fields)
     * @param referenceFields payload fields holding symbolic references
     * @param fieldKeys       destination.ready's {@code entity.field name} → Pipedrive field key
     */
    public static Result compare(String entity, JsonNode sent, List<String> referenceFields, JsonNode found,
                                 Map<String, String> fieldKeys) {
        return compare(entity, sent, referenceFields, found, fieldKeys, Map.of());
    }

    /**
     * @param resolvedLinks reference field → the Pipedrive id the ledger holds for the row it points
     *                      at: such links are compared like any value (a person's org_id, a deal's person_id)
     */
    public static Result compare(String entity, JsonNode sent, List<String> referenceFields, JsonNode found,
                                 Map<String, String> fieldKeys, Map<String, String> resolvedLinks) {
        return compare(entity, sent, referenceFields, found, fieldKeys, resolvedLinks, null);
    }

    /**
     * @param options the entity's option fields as Pipedrive lists them: field key → option id → label
     *                ({@code null}: the field definitions were not read). An enum or set value comes back
     *                as option ids; they are translated to labels and compared with the labels sent.
     */
    public static Result compare(String entity, JsonNode sent, List<String> referenceFields, JsonNode found,
                                 Map<String, String> fieldKeys, Map<String, String> resolvedLinks,
                                 Map<String, Map<String, String>> options) {
        int checked = 0;
        List<Mismatch> mismatches = new ArrayList<>();
        List<String> notCompared = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = sent.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String field = e.getKey();
            if (resolvedLinks.containsKey(field) && found.has(field)) {
                JsonNode link = found.get(field);
                JsonNode id = link.isObject() ? link.path("value") : link; // v1 answers {value: id, name: ...}
                if (!same(com.fasterxml.jackson.databind.node.TextNode.valueOf(resolvedLinks.get(field)), id)) {
                    mismatches.add(new Mismatch(field, "id " + resolvedLinks.get(field), id.toString()));
                }
                checked++;
                continue;
            }
            if (isReference(field, referenceFields)) {
                notCompared.add(field + ": reference resolved by the loader");
                continue;
            }
            if (field.equals("custom_fields") && e.getValue().isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> c = e.getValue().fields(); c.hasNext(); ) {
                    Map.Entry<String, JsonNode> custom = c.next();
                    String name = "custom_fields." + custom.getKey();
                    if (isReference(name, referenceFields)) {
                        notCompared.add(name + ": reference resolved by the loader");
                        continue;
                    }
                    String key = fieldKeys.getOrDefault(entity + "." + custom.getKey(),
                            fieldKeys.get(entity + "." + custom.getKey().strip().toLowerCase(java.util.Locale.ROOT)));
                    if (key == null) {
                        notCompared.add(name + ": no field key in destination.ready");
                        continue;
                    }
                    JsonNode value = found.path("custom_fields").has(key) ? found.path("custom_fields").get(key) : found.get(key);
                    if (options != null && options.containsKey(key)) {
                        checked += compareOptions(name, custom.getValue(), value, options.get(key), mismatches);
                        continue;
                    }
                    checked += compareOne(name, custom.getValue(), value, mismatches, notCompared,
                            options == null ? "option ids (the field definitions were not read)"
                                    : "option ids (field " + key + " is not in the entity's field list)");
                }
                continue;
            }
            if (!found.has(field)) {
                notCompared.add(field + ": not returned by the list endpoint");
                continue;
            }
            checked += compareOne(field, e.getValue(), found.get(field), mismatches, notCompared,
                    "option ids (not a custom field with options)");
        }
        return new Result(checked, mismatches, notCompared);
    }

    private static int compareOne(String field, JsonNode sent, JsonNode found, List<Mismatch> mismatches,
                                  List<String> notCompared, String whyNotOptions) {
        if (labels(sent) && found != null && (found.isNumber() || found.isArray() && found.size() > 0
                && found.get(0).isNumber())) {
            // option labels were sent, Pipedrive answers with option ids, and no definition says which is which
            notCompared.add(field + ": " + whyNotOptions);
            return 0;
        }
        if (!same(sent, found)) {
            mismatches.add(new Mismatch(field, sent.toString(), found == null ? "absent" : found.toString()));
        }
        return 1;
    }

    /** A label, or a non-empty array of labels. */
    private static boolean labels(JsonNode sent) {
        return sent.isTextual() || sent.isArray() && sent.size() > 0 && sent.get(0).isTextual();
    }

    /**
     * An enum (one option) or set (several) field: the option ids found are translated to their labels
     * with the field's definition and compared, as a set, with the labels sent. Labels compare as the
     * loader matches them (trimmed, case-insensitive); an id the field does not have is a mismatch.
     */
    private static int compareOptions(String field, JsonNode sent, JsonNode found, Map<String, String> labels,
                                      List<Mismatch> mismatches) {
        Set<String> sentLabels = new TreeSet<>();
        List<String> sentShown = new ArrayList<>();
        if (sent != null && !sent.isNull()) {
            Iterable<JsonNode> items = sent.isArray() ? sent : List.of(sent);
            for (JsonNode label : items) {
                if (!label.isNull() && !label.asText().isBlank()) {
                    sentLabels.add(optionKey(label.asText()));
                    sentShown.add(label.asText());
                }
            }
        }
        Set<String> foundLabels = new TreeSet<>();
        List<String> foundShown = new ArrayList<>();
        for (String id : optionIds(found)) {
            String label = labels.get(id);
            foundLabels.add(label == null ? "option id " + id : optionKey(label));
            foundShown.add(label == null ? "option " + id + " (not an option of the field)" : label + " (" + id + ")");
        }
        if (!sentLabels.equals(foundLabels)) {
            mismatches.add(new Mismatch(field, sent == null ? "absent" : sent.toString(),
                    foundShown.isEmpty() ? "absent" : foundShown.toString()));
        }
        return 1;
    }

    /** Option ids in every spelling Pipedrive uses: 12, "12", [12, 13], "12,13" (v1), [{id, label}]. */
    private static List<String> optionIds(JsonNode found) {
        List<String> ids = new ArrayList<>();
        if (found == null || found.isNull() || found.isMissingNode()) {
            return ids;
        }
        Iterable<JsonNode> items = found.isArray() ? found : List.of(found);
        for (JsonNode item : items) {
            JsonNode id = item.isObject() ? item.path("id") : item;
            if (id.isNumber()) {
                ids.add(id.asText());
            } else if (id.isTextual()) {
                for (String part : id.asText().split(",")) {
                    if (!part.isBlank()) {
                        ids.add(part.strip());
                    }
                }
            }
        }
        return ids;
    }

    private static String optionKey(String label) {
        return label.strip().toLowerCase(java.util.Locale.ROOT);
    }

    static boolean same(JsonNode sent, JsonNode found) {
        boolean sentEmpty = sent == null || sent.isNull() || sent.isTextual() && sent.asText().isEmpty();
        boolean foundEmpty = found == null || found.isNull() || found.isMissingNode()
                || found.isTextual() && found.asText().isEmpty();
        if (sentEmpty || foundEmpty) {
            return sentEmpty && foundEmpty;
        }
        if (sent.isNumber() || found.isNumber()) {
            try {
                return new BigDecimal(sent.asText()).compareTo(new BigDecimal(found.asText())) == 0;
            } catch (NumberFormatException e) {
                return false;
            }
        }
        if (sent.isBoolean() || found.isBoolean()) {
            return sent.asText().equals(found.asText());
        }
        if (sent.isArray() && found.isArray()) {
            // e-mails, phones, labels: every value sent must be there; a merge (dedup) or the customer may add more
            return values(found).containsAll(values(sent));
        }
        if (sent.isObject() && found.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = sent.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!same(e.getValue(), found.get(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        return normalized(sent.asText()).equals(normalized(found.asText()));
    }

    /** Emails, phones, labels: compared as sets of their values, whatever order and extra attributes. */
    private static Set<String> values(JsonNode array) {
        Set<String> out = new TreeSet<>();
        for (JsonNode item : array) {
            out.add(normalized(item.isObject() && item.has("value") ? item.get("value").asText() : item.asText()));
        }
        return out;
    }

    /** Timestamps in either Pipedrive form (ISO or "yyyy-MM-dd HH:mm:ss", UTC) compare equal. */
    static String normalized(String text) {
        Matcher m = TIMESTAMP.matcher(text);
        if (m.matches()) {
            return m.group(1) + (m.group(2) == null ? "" : " " + m.group(2) + ":" + (m.group(3) == null ? "00" : m.group(3)));
        }
        return text;
    }

    private static boolean isReference(String field, List<String> referenceFields) {
        for (String ref : referenceFields) {
            if (ref.equals(field) || ref.startsWith(field + "[") || ref.startsWith(field + ".")) {
                return true;
            }
        }
        return false;
    }
}

package io.atomicmigrate.extractor.service.discovery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Resolves the effective CRM configuration as the app does (ATOMIC_CRM.md §5.1): a non-empty
 * {@code configuration} row replaces everything else, key by key over the code defaults;
 * otherwise the App.tsx props, over the code defaults. Records where each key came from. Legacy
 * string-array items (§5.6) become {@code {value: s, label: s}}.
 */
public final class ConfigResolver {

    public static final String DATABASE = "DATABASE";
    public static final String APP_TSX = "APP_TSX";
    public static final String DEFAULT = "DEFAULT";

    /** Keys whose items are {@code {value,label}} objects, once strings in the legacy format. */
    private static final Set<String> ITEM_LISTS = Set.of("companySectors", "dealCategories", "taskTypes",
            "dealStages", "noteStatuses");

    private final AppTsxReader appTsxReader = new AppTsxReader();

    /**
     * @param dbConfig the {@code configuration.config} of row 1, or null (no table, no row)
     * @param appTsx   the uploaded App.tsx text, or null
     */
    public ResolvedConfig resolve(JsonNode dbConfig, String appTsx) {
        List<String> warnings = new ArrayList<>();
        ObjectNode effective = JsonNodeFactory.instance.objectNode();
        Map<String, String> sources = new LinkedHashMap<>();
        boolean dbWins = dbConfig != null && dbConfig.isObject() && !dbConfig.isEmpty();
        if (dbConfig != null && !dbConfig.isNull() && !dbConfig.isObject()) {
            warnings.add("configuration.config is not a JSON object; it is ignored as the app would");
        }
        Map<String, JsonNode> chosen = new LinkedHashMap<>();
        String chosenSource;
        if (dbWins) {
            dbConfig.fields().forEachRemaining(e -> chosen.put(e.getKey(), e.getValue()));
            chosenSource = DATABASE;
            if (appTsx != null) {
                warnings.add("the configuration row is not empty, so the app ignores the App.tsx props; so do we");
            }
        } else if (appTsx != null) {
            AppTsxReader.Result read = appTsxReader.read(appTsx);
            warnings.addAll(read.warnings());
            chosen.putAll(read.props());
            chosenSource = APP_TSX;
        } else {
            chosenSource = DEFAULT;
        }
        for (String key : UpstreamDefaults.keys()) {
            JsonNode v = chosen.get(key);
            if (v != null && !v.isNull()) {
                String problem = shapeProblem(key, v);
                if (problem == null) {
                    effective.set(key, normalise(key, v));
                    sources.put(key, chosenSource);
                    continue;
                }
                warnings.add((chosenSource.equals(DATABASE) ? "configuration key " : "prop ") + key + " " + problem
                        + "; the default is used for " + key);
            }
            effective.set(key, UpstreamDefaults.of(key));
            sources.put(key, DEFAULT);
        }
        // keys without a code default are carried when the chosen source has them
        for (String key : List.of("googleWorkplaceDomain", "disableEmailPasswordAuthentication")) {
            if (chosen.containsKey(key)) {
                effective.set(key, chosen.get(key));
                sources.put(key, chosenSource);
            }
        }
        return new ResolvedConfig(effective, sources, warnings);
    }

    private static String shapeProblem(String key, JsonNode v) {
        if (ITEM_LISTS.contains(key) || key.equals("dealPipelineStatuses")) {
            if (!v.isArray()) {
                return "is not an array";
            }
            for (JsonNode item : v) {
                boolean ok = item.isTextual() && !key.equals("dealStages") && !key.equals("noteStatuses")
                        || item.isObject() && item.path("label").isTextual()
                        || key.equals("dealPipelineStatuses") && item.isTextual();
                if (key.equals("dealPipelineStatuses") && !item.isTextual()) {
                    ok = false;
                }
                if (!ok) {
                    return "has an item that is neither a label string nor a {value, label} object: " + item;
                }
            }
            return null;
        }
        if (key.equals("currency") && !(v.isTextual() && v.asText().matches("[A-Z]{3}"))) {
            return "is not an ISO 4217 code";
        }
        return v.isTextual() ? null : "is not a string";
    }

    /** Strings become {value,label}; a missing value is the slug of the label, as Settings does on save. */
    private static JsonNode normalise(String key, JsonNode v) {
        if (!ITEM_LISTS.contains(key)) {
            return v.deepCopy();
        }
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        for (JsonNode item : v) {
            if (item.isTextual()) {
                out.addObject().put("value", item.asText()).put("label", item.asText());
            } else {
                ObjectNode o = ((ObjectNode) item).deepCopy();
                if (!o.path("value").isTextual()) {
                    o.put("value", Slugs.toSlug(o.path("label").asText()));
                }
                out.add(o);
            }
        }
        return out;
    }

    /** The effective configuration, where each key came from, and what a person should know. */
    public record ResolvedConfig(ObjectNode effective, Map<String, String> sources, List<String> warnings) {

        /** The item values of a list key (dealStages, ...). */
        public List<String> values(String key) {
            List<String> values = new ArrayList<>();
            JsonNode list = effective.path(key);
            for (JsonNode item : list) {
                values.add(item.isTextual() ? item.asText() : item.path("value").asText());
            }
            return values;
        }

        public List<String> labels(String key) {
            List<String> labels = new ArrayList<>();
            for (JsonNode item : effective.path(key)) {
                labels.add(item.isTextual() ? item.asText() : item.path("label").asText());
            }
            return labels;
        }
    }
}

package io.atomicmigrate.mapper.service.transform;

import io.atomicmigrate.common.map.ActivityTypeMapping;
import io.atomicmigrate.common.map.FieldLine;
import io.atomicmigrate.common.map.MigrationMap;
import io.atomicmigrate.common.map.PipelineMapping;
import io.atomicmigrate.common.map.StageMapping;
import io.atomicmigrate.mapper.service.values.ConfigValues;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An approved map, indexed once for the per-row work: stage, pipeline and activity type by any
 * spelling rows use (slug value, legacy label, slug of the label), and parsed code tables.
 */
public final class MapLookups {

    private final MigrationMap map;
    private final Map<String, StageMapping> stages = new HashMap<>();
    private final StageMapping firstStage;
    private final Map<String, PipelineMapping> pipelines = new HashMap<>();
    private final PipelineMapping defaultPipeline;
    private final Map<String, ActivityTypeMapping> activityTypes = new HashMap<>();
    private final Map<String, Map<String, String>> codeTables = new ConcurrentHashMap<>();

    public MapLookups(MigrationMap map) {
        this.map = map;
        for (StageMapping s : map.stages()) {
            index(stages, s, s.value(), s.label());
        }
        firstStage = map.stages().stream().filter(s -> "open".equals(s.status()))
                .min(Comparator.comparingInt(StageMapping::order))
                .orElse(map.stages().stream().min(Comparator.comparingInt(StageMapping::order)).orElse(null));
        PipelineMapping fallback = null;
        for (PipelineMapping p : map.pipelines()) {
            if (p.category() == null || p.category().isEmpty()) {
                fallback = p;
            } else {
                index(pipelines, p, p.category(), p.label());
            }
        }
        defaultPipeline = fallback != null ? fallback : map.pipelines().isEmpty() ? null : map.pipelines().get(0);
        for (ActivityTypeMapping a : map.activityTypes()) {
            index(activityTypes, a, a.value(), a.label());
        }
    }

    private static <T> void index(Map<String, T> index, T item, String value, String label) {
        if (value != null) {
            index.putIfAbsent(value, item);
            index.putIfAbsent(ConfigValues.toSlug(value), item);
        }
        if (label != null) {
            index.putIfAbsent(label, item);
            index.putIfAbsent(label.toLowerCase(Locale.ROOT), item);
            index.putIfAbsent(ConfigValues.toSlug(label), item);
        }
    }

    private static <T> T find(Map<String, T> index, String raw) {
        T hit = index.get(raw);
        return hit != null ? hit : index.get(ConfigValues.toSlug(raw));
    }

    public MigrationMap map() {
        return map;
    }

    public StageMapping stage(String raw) {
        return find(stages, raw);
    }

    public StageMapping firstStage() {
        return firstStage;
    }

    public PipelineMapping pipeline(String rawCategory) {
        return find(pipelines, rawCategory);
    }

    public PipelineMapping defaultPipeline() {
        return defaultPipeline;
    }

    public ActivityTypeMapping activityType(String raw) {
        return find(activityTypes, raw);
    }

    /**
     * The line's {@code map} parameter ({@code code:Label,code:Label}) as a table; keys are also
     * indexed by their slug so legacy labels hit.
     */
    public Map<String, String> codeTable(FieldLine line) {
        return codeTables.computeIfAbsent(line.id(), id -> parseCodeTable(line.transform().param("map", "")));
    }

    public static Map<String, String> parseCodeTable(String spec) {
        Map<String, String> table = new LinkedHashMap<>();
        if (spec == null || spec.isBlank()) {
            return table;
        }
        for (String pair : spec.split(",")) {
            int colon = pair.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("code table entry '" + pair.trim()
                        + "' is not 'code:value' (entries are separated by commas)");
            }
            table.put(pair.substring(0, colon).trim(), pair.substring(colon + 1).trim());
        }
        return table;
    }

    /** A value looked up by exact code, by slug, or as one of the table's labels (legacy rows hold labels). */
    public static String lookupCode(Map<String, String> table, String raw) {
        String hit = table.get(raw);
        if (hit != null) {
            return hit;
        }
        String slug = ConfigValues.toSlug(raw);
        for (Map.Entry<String, String> e : table.entrySet()) {
            if (e.getKey().equals(slug) || e.getValue().equalsIgnoreCase(raw.trim())) {
                return e.getValue();
            }
        }
        return null;
    }
}

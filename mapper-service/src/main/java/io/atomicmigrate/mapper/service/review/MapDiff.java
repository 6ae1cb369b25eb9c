package io.atomicmigrate.mapper.service.review;

import com.fasterxml.jackson.databind.JsonNode;
import io.atomicmigrate.common.json.Json;
import io.atomicmigrate.common.map.MigrationMap;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What changed between two map versions, line by line: lists whose items have a natural key
 * (objects by source, lines by id, stages by value, ...) are compared item by item, so a
 * reordered list is no change and an edited line shows as one change with before and after.
 */
public final class MapDiff {

    /** One difference: {@code added}, {@code removed} or {@code changed} at a path, with both values. */
    public record Change(String path, String change, JsonNode before, JsonNode after) {
    }

    private static final Map<String, String> KEYS = Map.of("objects", "source", "fields", "id", "pipelines", "category",
            "stages", "value", "activityTypes", "value");

    public List<Change> diff(MigrationMap from, MigrationMap to) {
        JsonNode a = Json.mapper().valueToTree(from);
        JsonNode b = Json.mapper().valueToTree(to);
        ((com.fasterxml.jackson.databind.node.ObjectNode) a).remove("version");
        ((com.fasterxml.jackson.databind.node.ObjectNode) b).remove("version");
        List<Change> changes = new ArrayList<>();
        compare("", null, a, b, changes);
        return changes;
    }

    private void compare(String path, String fieldName, JsonNode a, JsonNode b, List<Change> out) {
        if (a == null || a.isMissingNode()) {
            out.add(new Change(path, "added", null, b));
            return;
        }
        if (b == null || b.isMissingNode()) {
            out.add(new Change(path, "removed", a, null));
            return;
        }
        if (a.equals(b)) {
            return;
        }
        if (a.isObject() && b.isObject()) {
            Set<String> names = new LinkedHashSet<>();
            a.fieldNames().forEachRemaining(names::add);
            b.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                compare(path.isEmpty() ? name : path + "." + name, name, a.path(name), b.path(name), out);
            }
            return;
        }
        String key = KEYS.get(fieldName);
        if (a.isArray() && b.isArray() && key != null) {
            Map<String, JsonNode> left = index(a, key);
            Map<String, JsonNode> right = index(b, key);
            Set<String> all = new LinkedHashSet<>(left.keySet());
            all.addAll(right.keySet());
            for (String k : all) {
                compare(path + "[" + k + "]", null, left.getOrDefault(k, com.fasterxml.jackson.databind.node.MissingNode.getInstance()),
                        right.getOrDefault(k, com.fasterxml.jackson.databind.node.MissingNode.getInstance()), out);
            }
            return;
        }
        out.add(new Change(path, "changed", a, b));
    }

    private static Map<String, JsonNode> index(JsonNode array, String key) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (Iterator<JsonNode> it = array.elements(); it.hasNext(); ) {
            JsonNode item = it.next();
            out.put(item.path(key).asText(""), item);
        }
        return out;
    }
}

package io.atomicmigrate.sandbox.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The v2 request schema check (PIPEDRIVE.md 1.7, 7#6; checklist 6): unknown properties, string
 * numbers, 0/1 booleans and wrong types are all rejected with 400 ERR_SCHEMA_VALIDATION_FAILED.
 * Each resource declares its body with this small builder; messages follow the observed
 * "Validation failed: key: ..." form, all problems joined by "; ".
 */
public final class StrictBody {
    private enum Type { STRING, INTEGER, NUMBER, BOOLEAN, INTEGER_ARRAY, STRING_ARRAY, OBJECT, OBJECT_ARRAY, ANY }

    private record Rule(Type type, boolean nullable, int maxLength, Set<String> allowed,
                        BiConsumer<JsonNode, List<String>> extra) {
    }

    private final Map<String, Rule> rules = new LinkedHashMap<>();

    public static StrictBody of() {
        return new StrictBody();
    }

    public StrictBody string(String name, int maxLength) {
        rules.put(name, new Rule(Type.STRING, true, maxLength, null, null));
        return this;
    }

    public StrictBody oneOf(String name, String... values) {
        rules.put(name, new Rule(Type.STRING, true, 255, Set.of(values), null));
        return this;
    }

    public StrictBody integer(String name) {
        rules.put(name, new Rule(Type.INTEGER, true, 0, null, null));
        return this;
    }

    public StrictBody integerIn(String name, String... values) {
        rules.put(name, new Rule(Type.INTEGER, true, 0, Set.of(values), null));
        return this;
    }

    public StrictBody number(String name) {
        rules.put(name, new Rule(Type.NUMBER, true, 0, null, null));
        return this;
    }

    public StrictBody bool(String name) {
        rules.put(name, new Rule(Type.BOOLEAN, false, 0, null, null));
        return this;
    }

    public StrictBody integerArray(String name) {
        rules.put(name, new Rule(Type.INTEGER_ARRAY, true, 0, null, null));
        return this;
    }

    public StrictBody stringArray(String name) {
        rules.put(name, new Rule(Type.STRING_ARRAY, true, 0, null, null));
        return this;
    }

    public StrictBody object(String name, BiConsumer<JsonNode, List<String>> check) {
        rules.put(name, new Rule(Type.OBJECT, true, 0, null, check));
        return this;
    }

    public StrictBody objectArray(String name, BiConsumer<JsonNode, List<String>> check) {
        rules.put(name, new Rule(Type.OBJECT_ARRAY, true, 0, null, check));
        return this;
    }

    public StrictBody any(String name) {
        rules.put(name, new Rule(Type.ANY, true, 0, null, null));
        return this;
    }

    public StrictBody without(String name) {
        StrictBody copy = copy();
        copy.rules.remove(name);
        return copy;
    }

    public StrictBody copy() {
        StrictBody copy = new StrictBody();
        copy.rules.putAll(rules);
        return copy;
    }

    /** Parses and checks a body: must be a JSON object whose every property is declared and well typed. */
    public ObjectNode validate(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiException.validation("body: Expected 'object' as request body");
        }
        List<String> errors = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            Rule rule = rules.get(e.getKey());
            if (rule == null) {
                errors.add(e.getKey() + ": Parameter '" + e.getKey() + "' is not allowed for this request");
                continue;
            }
            check(e.getKey(), e.getValue(), rule, errors);
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation(String.join("; ", errors));
        }
        return (ObjectNode) body;
    }

    private static void check(String key, JsonNode v, Rule rule, List<String> errors) {
        if (v.isNull()) {
            if (!rule.nullable) {
                errors.add(key + ": Expected '" + name(rule.type) + "' but received null");
            }
            return;
        }
        switch (rule.type) {
            case STRING -> {
                if (!v.isTextual()) {
                    errors.add(key + ": Expected 'string' as value");
                } else if (rule.maxLength > 0 && v.asText().length() > rule.maxLength) {
                    errors.add(key + ": Value must be at most " + rule.maxLength + " characters long");
                } else if (rule.allowed != null && !rule.allowed.contains(v.asText())) {
                    errors.add(key + ": Value must be one of " + String.join(", ", new java.util.TreeSet<>(rule.allowed)));
                }
            }
            case INTEGER -> {
                if (!isInteger(v)) {
                    errors.add(key + ": Expected 'integer' as value");
                } else if (rule.allowed != null && !rule.allowed.contains(v.asText())) {
                    errors.add(key + ": Value must be one of " + String.join(", ", new java.util.TreeSet<>(rule.allowed)));
                }
            }
            case NUMBER -> {
                if (!v.isNumber()) {
                    errors.add(key + ": Expected 'number' as value");
                }
            }
            case BOOLEAN -> {
                if (!v.isBoolean()) {
                    errors.add(key + ": Expected 'boolean' as value");
                }
            }
            case INTEGER_ARRAY -> {
                if (!v.isArray()) {
                    errors.add(key + ": Expected 'array' as value");
                } else {
                    for (JsonNode item : v) {
                        if (!isInteger(item)) {
                            errors.add(key + ": Expected 'integer' as array item");
                            break;
                        }
                    }
                    if (v.size() > 100) {
                        errors.add(key + ": At most 100 values are allowed");
                    }
                }
            }
            case STRING_ARRAY -> {
                if (!v.isArray()) {
                    errors.add(key + ": Expected 'array' as value");
                } else {
                    for (JsonNode item : v) {
                        if (!item.isTextual()) {
                            errors.add(key + ": Expected 'string' as array item");
                            break;
                        }
                    }
                }
            }
            case OBJECT -> {
                if (!v.isObject()) {
                    errors.add(key + ": Expected 'object' as value");
                } else if (rule.extra != null) {
                    rule.extra.accept(v, errors);
                }
            }
            case OBJECT_ARRAY -> {
                if (!v.isArray()) {
                    errors.add(key + ": Expected 'array' as value");
                } else {
                    for (JsonNode item : v) {
                        if (!item.isObject()) {
                            errors.add(key + ": Expected 'object' as array item");
                            return;
                        }
                    }
                    if (rule.extra != null) {
                        rule.extra.accept(v, errors);
                    }
                }
            }
            case ANY -> {
            }
        }
    }

    public static boolean isInteger(JsonNode v) {
        return v.isIntegralNumber() || (v.isNumber() && v.asDouble() == Math.rint(v.asDouble()) && !v.isTextual());
    }

    private static String name(Type t) {
        return switch (t) {
            case STRING -> "string";
            case INTEGER -> "integer";
            case NUMBER -> "number";
            case BOOLEAN -> "boolean";
            case INTEGER_ARRAY, STRING_ARRAY, OBJECT_ARRAY -> "array";
            case OBJECT -> "object";
            case ANY -> "any";
        };
    }
}

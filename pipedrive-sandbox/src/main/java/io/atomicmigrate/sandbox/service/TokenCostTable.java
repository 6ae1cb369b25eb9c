package io.atomicmigrate.sandbox.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Token cost of every Pipedrive operation, read from the {@code x-token-cost} extension of the
 * bundled OpenAPI specs at start time, so the table is never retyped (checklist 17).
 */
public final class TokenCostTable {
    public static final String V1_SPEC = "/pipedrive-openapi/openapi-v1.yaml";
    public static final String V2_SPEC = "/pipedrive-openapi/openapi-v2.yaml";
    private static final List<String> METHODS = List.of("get", "post", "put", "patch", "delete");

    /** One spec operation; {@code version} is 1 or 2, {@code pathTemplate} is relative to the server URL. */
    public record Operation(int version, String method, String pathTemplate, String operationId, int cost,
                            Pattern pattern, int literalSegments) {
        public boolean isSearch() {
            return pathTemplate.endsWith("/search") || pathTemplate.startsWith("/itemSearch");
        }
    }

    private final List<Operation> operations;
    /** Operations by "version method /firstSegment", so a lookup tries a handful of patterns, not 370. */
    private final Map<String, List<Operation>> index = new java.util.HashMap<>();

    private TokenCostTable(List<Operation> operations) {
        // literal paths (/persons/search) must win over templated ones (/persons/{id})
        operations.sort(Comparator.comparingInt(Operation::literalSegments).reversed());
        this.operations = List.copyOf(operations);
        for (Operation op : this.operations) {
            index.computeIfAbsent(key(op.version, op.method, op.pathTemplate), k -> new ArrayList<>()).add(op);
        }
    }

    private static String key(int version, String method, String path) {
        int slash = path.indexOf('/', 1);
        return version + " " + method + " " + (slash < 0 ? path : path.substring(0, slash));
    }

    private static volatile TokenCostTable cached;

    /** Parsing 2.8 MB of YAML takes a moment: share one table per JVM. */
    public static TokenCostTable load() {
        TokenCostTable t = cached;
        if (t == null) {
            synchronized (TokenCostTable.class) {
                if (cached == null) {
                    List<Operation> ops = new ArrayList<>();
                    read(V1_SPEC, 1, ops);
                    read(V2_SPEC, 2, ops);
                    cached = new TokenCostTable(ops);
                }
                t = cached;
            }
        }
        return t;
    }

    private static void read(String resource, int version, List<Operation> into) {
        YAMLMapper yaml = new YAMLMapper(YAMLFactory.builder().build());
        try (InputStream in = TokenCostTable.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing " + resource);
            }
            JsonNode paths = yaml.readTree(in).path("paths");
            for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> path = it.next();
                for (String method : METHODS) {
                    JsonNode op = path.getValue().get(method);
                    if (op == null || !op.has("x-token-cost")) {
                        continue;
                    }
                    into.add(operation(version, method.toUpperCase(Locale.ROOT), path.getKey(),
                            op.path("operationId").asText(), op.get("x-token-cost").asInt()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Operation operation(int version, String method, String template, String operationId, int cost) {
        StringBuilder regex = new StringBuilder("^");
        int literal = 0;
        for (String segment : template.substring(1).split("/")) {
            regex.append('/');
            if (segment.startsWith("{")) {
                regex.append("[^/]+");
            } else {
                regex.append(Pattern.quote(segment));
                literal++;
            }
        }
        return new Operation(version, method, template, operationId, cost, Pattern.compile(regex.append('$').toString()), literal);
    }

    /**
     * @param version 1 or 2
     * @param path path below the version prefix, e.g. {@code /persons/12}
     */
    public Optional<Operation> find(int version, String method, String path) {
        while (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        for (Operation op : index.getOrDefault(key(version, method, path), List.of())) {
            Matcher m = op.pattern.matcher(path);
            if (m.matches()) {
                return Optional.of(op);
            }
        }
        return Optional.empty();
    }

    public Optional<Operation> byOperationId(String operationId) {
        return operations.stream().filter(o -> o.operationId.equals(operationId)).findFirst();
    }

    public List<Operation> all() {
        return operations;
    }
}

package io.atomicmigrate.common.map;

import java.util.Map;

/**
 * A named transform with its parameters (all parameter values are strings, so a person can
 * edit them in the review page). The kinds and their parameters are listed on {@link TransformKind}.
 */
public record Transform(TransformKind kind, Map<String, String> params) {

    public Transform {
        params = params == null ? Map.of() : Map.copyOf(params);
    }

    public static Transform of(TransformKind kind) {
        return new Transform(kind, Map.of());
    }

    public static Transform of(TransformKind kind, Map<String, String> params) {
        return new Transform(kind, params);
    }

    public String param(String name, String fallback) {
        return params.getOrDefault(name, fallback);
    }
}

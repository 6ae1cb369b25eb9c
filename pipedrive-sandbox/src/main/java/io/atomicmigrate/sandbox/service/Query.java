package io.atomicmigrate.sandbox.service;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** Query-string parameters with Pipedrive's parsing rules (400 on malformed values). */
public final class Query {
    private final Map<String, String> params;

    public Query(Map<String, String> params) {
        this.params = params;
    }

    public static Query empty() {
        return new Query(Map.of());
    }

    public String string(String name) {
        String v = params.get(name);
        return v == null || v.isEmpty() ? null : v;
    }

    public boolean has(String name) {
        return string(name) != null;
    }

    public Long integer(String name) {
        String v = string(name);
        if (v == null) {
            return null;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw ApiException.validation(name + ": Expected 'integer' as value");
        }
    }

    public boolean bool(String name) {
        String v = string(name);
        return "true".equalsIgnoreCase(v) || "1".equals(v);
    }

    public Instant time(String name) {
        String v = string(name);
        if (v == null) {
            return null;
        }
        Instant t = Timestamps.parseRfc3339(v);
        if (t == null) {
            throw ApiException.validation(name + ": Expected RFC 3339 date-time");
        }
        return t;
    }

    /** Comma list, at most {@code max} entries (ids ≤100, custom_fields ≤15). */
    public Set<String> list(String name, int max) {
        String v = string(name);
        if (v == null) {
            return null;
        }
        Set<String> out = new LinkedHashSet<>();
        for (String s : v.split(",")) {
            if (!s.isBlank()) {
                out.add(s.trim());
            }
        }
        if (out.size() > max) {
            throw ApiException.validation(name + ": At most " + max + " values are allowed");
        }
        return out;
    }
}

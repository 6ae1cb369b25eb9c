package io.atomicmigrate.loader.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Token cost per Pipedrive operationId (PIPEDRIVE.md §2.3), from {@code pipedrive-token-costs.properties}
 * (checked against the specs' {@code x-token-cost} by a test; parsing 2.8 MB of YAML at every start
 * would cost seconds for 38 numbers).
 */
public final class TokenCosts {

    private static final Map<String, Integer> COSTS = load();

    private TokenCosts() {
    }

    private static Map<String, Integer> load() {
        Properties p = new Properties();
        try (InputStream in = TokenCosts.class.getResourceAsStream("/pipedrive-token-costs.properties")) {
            if (in == null) {
                throw new IllegalStateException("pipedrive-token-costs.properties is missing from the classpath");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Integer> costs = new TreeMap<>();
        p.forEach((k, v) -> costs.put(k.toString(), Integer.parseInt(v.toString().trim())));
        return Map.copyOf(costs);
    }

    public static int of(String operationId) {
        Integer cost = COSTS.get(operationId);
        if (cost == null) {
            throw new IllegalArgumentException("no token cost known for Pipedrive operation '" + operationId
                    + "'; add it to pipedrive-token-costs.properties from the spec's x-token-cost");
        }
        return cost;
    }

    public static Map<String, Integer> all() {
        return COSTS;
    }
}

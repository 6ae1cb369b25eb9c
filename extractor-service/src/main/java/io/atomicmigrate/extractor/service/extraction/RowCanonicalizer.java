package io.atomicmigrate.extractor.service.extraction;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;

/**
 * Turns Postgres' {@code to_jsonb(row)} text into the canonical row: numbers exact (numeric stays
 * {@code 12.50}, bigints stay integers), keys sorted at every depth, legacy names renamed; the
 * row hash is SHA-256 over the canonical bytes, so equal content always hashes equal whatever
 * order Postgres or Jackson produce keys in. Timestamps arrive in UTC because the session's
 * TimeZone is UTC. Thread-safe.
 */
public final class RowCanonicalizer {

    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .nodeFactory(NODES)
            .build();
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    private final LegacyRowNormalizer legacy = new LegacyRowNormalizer();

    public CanonicalRow canonical(String table, long id, String toJsonbText) {
        JsonNode parsed;
        try {
            parsed = MAPPER.readTree(toJsonbText);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("row " + table + "/" + id + " is not valid JSON: " + e.getOriginalMessage());
        }
        ObjectNode row = (ObjectNode) sorted(legacy.normalise(table, (ObjectNode) parsed));
        return new CanonicalRow(table, id, row, hash(row));
    }

    public static String hash(JsonNode canonical) {
        try {
            byte[] bytes = MAPPER.writeValueAsBytes(canonical);
            return HexFormat.of().formatHex(SHA256.get().digest(bytes));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a row", e);
        }
    }

    /** The canonical JSON text of a row (what the hash is computed over). */
    public static String text(JsonNode canonical) {
        try {
            return MAPPER.writeValueAsString(canonical);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            Iterator<String> it = node.fieldNames();
            it.forEachRemaining(names::add);
            Collections.sort(names);
            ObjectNode out = NODES.objectNode();
            for (String name : names) {
                out.set(name, sorted(node.get(name)));
            }
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = NODES.arrayNode(node.size());
            for (JsonNode element : node) {
                out.add(sorted(element));
            }
            return out;
        }
        return node;
    }
}

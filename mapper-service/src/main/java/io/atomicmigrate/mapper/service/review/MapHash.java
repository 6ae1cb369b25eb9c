package io.atomicmigrate.mapper.service.review;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.atomicmigrate.common.json.Json;
import io.atomicmigrate.common.map.MigrationMap;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 of a map document's canonical JSON (sorted keys, version excluded), so an approval can
 * name exactly what was approved and a later edit can never pass for it.
 */
public final class MapHash {

    private static final ObjectMapper CANONICAL = Json.configure(new ObjectMapper())
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .configure(com.fasterxml.jackson.databind.MapperFeature.SORT_PROPERTIES_ALPHABETICALLY, true);

    private MapHash() {
    }

    public static String of(MigrationMap map) {
        try {
            byte[] json = CANONICAL.writeValueAsBytes(map.withVersion(1));
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

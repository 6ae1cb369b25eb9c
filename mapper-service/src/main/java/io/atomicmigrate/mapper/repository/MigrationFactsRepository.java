package io.atomicmigrate.mapper.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.atomicmigrate.common.events.payload.MigrationDiscovered;
import io.atomicmigrate.common.json.Json;
import io.atomicmigrate.mapper.service.proposal.ColumnProfile;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What the mapper knows about a migration's source: the discovery report and the column profiles. */
@ApplicationScoped
public class MigrationFactsRepository {

    private final Pool client;

    public MigrationFactsRepository(Pool client) {
        this.client = client;
    }

    public Uni<Void> saveDiscovery(String migrationId, UUID eventId, MigrationDiscovered discovered) {
        return client.preparedQuery("""
                        INSERT INTO mapper.discoveries (migration_id, event_id, payload) VALUES ($1, $2, $3)
                        ON CONFLICT (migration_id) DO UPDATE SET event_id = EXCLUDED.event_id, payload = EXCLUDED.payload,
                            received_at = now()""")
                .execute(Tuple.of(migrationId, eventId, new JsonObject(MapVersionRepository.toJson(discovered))))
                .replaceWithVoid();
    }

    /** The latest discovery report, or null. */
    public Uni<MigrationDiscovered> discovery(String migrationId) {
        return client.preparedQuery("SELECT payload FROM mapper.discoveries WHERE migration_id = $1")
                .execute(Tuple.of(migrationId)).map(rows -> {
                    if (rows.size() == 0) {
                        return null;
                    }
                    try {
                        return Json.mapper().readValue(rows.iterator().next().getJsonObject("payload").encode(),
                                MigrationDiscovered.class);
                    } catch (JsonProcessingException e) {
                        throw new IllegalStateException("stored discovery is unreadable", e);
                    }
                });
    }

    public Uni<Void> saveProfiles(String migrationId, List<ColumnProfile> profiles) {
        return client.preparedQuery("""
                        INSERT INTO mapper.column_profiles (migration_id, profiles) VALUES ($1, $2)
                        ON CONFLICT (migration_id) DO UPDATE SET profiles = EXCLUDED.profiles, updated_at = now()""")
                .execute(Tuple.of(migrationId, new JsonArray(MapVersionRepository.toJson(profiles))))
                .replaceWithVoid();
    }

    /** table.column → profile (empty when none were given). */
    public Uni<Map<String, ColumnProfile>> profiles(String migrationId) {
        return client.preparedQuery("SELECT profiles FROM mapper.column_profiles WHERE migration_id = $1")
                .execute(Tuple.of(migrationId)).map(rows -> {
                    Map<String, ColumnProfile> out = new LinkedHashMap<>();
                    if (rows.size() == 0) {
                        return out;
                    }
                    try {
                        List<ColumnProfile> list = Json.mapper().readValue(
                                rows.iterator().next().getJsonArray("profiles").encode(), new TypeReference<>() { });
                        list.forEach(p -> out.put(p.key(), p));
                    } catch (JsonProcessingException e) {
                        throw new IllegalStateException("stored profiles are unreadable", e);
                    }
                    return out;
                });
    }
}

package io.atomicmigrate.extractor.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.atomicmigrate.common.json.Json;
import io.atomicmigrate.extractor.service.discovery.DiscoveryReport;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/** The latest discovery report of each migration ({@code extractor.discoveries}). */
@ApplicationScoped
public class DiscoveryRepository {

    private final Pool client;

    public DiscoveryRepository(Pool client) {
        this.client = client;
    }

    public Uni<Void> save(DiscoveryReport report) {
        String json;
        try {
            json = Json.mapper().writeValueAsString(report);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        return client.preparedQuery("""
                        INSERT INTO extractor.discoveries (migration_id, discovered_at, report) VALUES ($1, now(), $2)
                        ON CONFLICT (migration_id) DO UPDATE SET discovered_at = now(), report = EXCLUDED.report""")
                .execute(Tuple.of(report.migrationId(), new JsonObject(json))).replaceWithVoid();
    }

    /** The latest report, or null when the migration was never discovered. */
    public Uni<DiscoveryReport> find(String migrationId) {
        return client.preparedQuery("SELECT report::text FROM extractor.discoveries WHERE migration_id = $1")
                .execute(Tuple.of(migrationId))
                .map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return null;
                    }
                    try {
                        return Json.mapper().readValue(rows.iterator().next().getString(0), DiscoveryReport.class);
                    } catch (JsonProcessingException e) {
                        throw new IllegalStateException("stored discovery of " + migrationId + " is unreadable", e);
                    }
                });
    }
}

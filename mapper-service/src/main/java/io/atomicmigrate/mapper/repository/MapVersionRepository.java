package io.atomicmigrate.mapper.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.atomicmigrate.common.json.Json;
import io.atomicmigrate.common.map.MigrationMap;
import io.atomicmigrate.mapper.service.review.MapVersion;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** {@code mapper.map_versions}: append-only versions of each migration's map, and their approvals. */
@ApplicationScoped
public class MapVersionRepository {

    private static final String COLUMNS = "migration_id, version, document, document_hash, proposed_by, created_at,"
            + " approved_by, approved_at";
    private final Pool client;

    public MapVersionRepository(Pool client) {
        this.client = client;
    }

    /**
     * Appends the next version. The version number is taken inside the insert, and the primary key
     * turns a concurrent save into a retryable conflict instead of a lost edit.
     *
     * @return the stored version, or null when {@code sourceEventId} already produced one (a redelivery)
     */
    public Uni<MapVersion> append(MigrationMap document, String hash, String proposedBy, UUID sourceEventId) {
        String json = toJson(document);
        return client.preparedQuery("""
                        INSERT INTO mapper.map_versions (migration_id, version, document, document_hash, proposed_by,
                            source_event_id)
                        SELECT $1, COALESCE(MAX(version), 0) + 1, $2, $3, $4, $5
                        FROM mapper.map_versions WHERE migration_id = $1
                        ON CONFLICT (source_event_id) DO NOTHING
                        RETURNING\s""" + COLUMNS)
                .execute(Tuple.of(document.migrationId(), new JsonObject(json), hash, proposedBy, sourceEventId))
                .map(rows -> rows.size() == 0 ? null : fromRow(rows.iterator().next()));
    }

    public Uni<MapVersion> find(String migrationId, int version) {
        return client.preparedQuery("SELECT " + COLUMNS + " FROM mapper.map_versions WHERE migration_id = $1 AND version = $2")
                .execute(Tuple.of(migrationId, version)).map(MapVersionRepository::first);
    }

    public Uni<MapVersion> latest(String migrationId) {
        return client.preparedQuery("SELECT " + COLUMNS + " FROM mapper.map_versions WHERE migration_id = $1"
                        + " ORDER BY version DESC LIMIT 1")
                .execute(Tuple.of(migrationId)).map(MapVersionRepository::first);
    }

    public Uni<MapVersion> latestApproved(String migrationId) {
        return client.preparedQuery("SELECT " + COLUMNS + " FROM mapper.map_versions WHERE migration_id = $1"
                        + " AND approved_at IS NOT NULL ORDER BY version DESC LIMIT 1")
                .execute(Tuple.of(migrationId)).map(MapVersionRepository::first);
    }

    public Uni<List<MapVersion>> all(String migrationId) {
        return client.preparedQuery("SELECT " + COLUMNS + " FROM mapper.map_versions WHERE migration_id = $1 ORDER BY version")
                .execute(Tuple.of(migrationId)).map(rows -> {
                    List<MapVersion> out = new ArrayList<>();
                    rows.forEach(r -> out.add(fromRow(r)));
                    return out;
                });
    }

    /** Records the approval once; false when the version was already approved (it stays as it was). */
    public Uni<Boolean> approve(String migrationId, int version, String approvedBy, Instant at) {
        return client.preparedQuery("UPDATE mapper.map_versions SET approved_by = $3, approved_at = $4"
                        + " WHERE migration_id = $1 AND version = $2 AND approved_at IS NULL")
                .execute(Tuple.of(migrationId, version, approvedBy, at.atOffset(ZoneOffset.UTC)))
                .map(r -> r.rowCount() == 1);
    }

    private static MapVersion first(RowSet<Row> rows) {
        return rows.size() == 0 ? null : fromRow(rows.iterator().next());
    }

    private static MapVersion fromRow(Row r) {
        try {
            MigrationMap doc = Json.mapper().readValue(r.getJsonObject("document").encode(), MigrationMap.class);
            var approvedAt = r.getOffsetDateTime("approved_at");
            return new MapVersion(r.getString("migration_id"), r.getInteger("version"),
                    doc.withVersion(r.getInteger("version")), r.getString("document_hash"), r.getString("proposed_by"),
                    r.getOffsetDateTime("created_at").toInstant(), r.getString("approved_by"),
                    approvedAt == null ? null : approvedAt.toInstant());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored map document is unreadable: " + e.getOriginalMessage(), e);
        }
    }

    static String toJson(Object o) {
        try {
            return Json.mapper().writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e.getOriginalMessage(), e);
        }
    }
}

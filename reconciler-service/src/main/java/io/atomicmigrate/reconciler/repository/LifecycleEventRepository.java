package io.atomicmigrate.reconciler.repository;

import io.atomicmigrate.reconciler.service.LifecycleEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** {@code reconciler.lifecycle_events}: insert-once by event id. */
@ApplicationScoped
public class LifecycleEventRepository {

    private final Pool client;

    public LifecycleEventRepository(Pool client) {
        this.client = client;
    }

    /** Stores the event; returns false when it was already stored (a redelivery). */
    public Uni<Boolean> insertOnce(LifecycleEvent e, String payloadJson) {
        return client.preparedQuery("""
                        INSERT INTO reconciler.lifecycle_events (event_id, migration_id, run_id, phase, type,
                            kafka_key, kafka_partition, kafka_offset, occurred_at, payload)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
                        ON CONFLICT (event_id) DO NOTHING""")
                .execute(Tuple.from(new Object[] {e.eventId(), e.migrationId(), e.runId(), e.phase(), e.type(),
                        e.kafkaKey(), e.kafkaPartition(), e.kafkaOffset(), e.occurredAt().atOffset(ZoneOffset.UTC),
                        new JsonObject(payloadJson)}))
                .map(result -> result.rowCount() == 1);
    }

    public Uni<List<LifecycleEvent>> findByMigration(String migrationId) {
        return client.preparedQuery("""
                        SELECT event_id, migration_id, run_id, phase, type, kafka_key, kafka_partition,
                            kafka_offset, occurred_at
                        FROM reconciler.lifecycle_events WHERE migration_id = $1
                        ORDER BY occurred_at, kafka_offset""")
                .execute(Tuple.of(migrationId))
                .map(rows -> {
                    List<LifecycleEvent> events = new ArrayList<>();
                    for (Row r : rows) {
                        events.add(new LifecycleEvent(r.getUUID("event_id"), r.getString("migration_id"),
                                r.getString("run_id"), r.getString("phase"), r.getString("type"),
                                r.getString("kafka_key"), r.getInteger("kafka_partition"), r.getLong("kafka_offset"),
                                r.getOffsetDateTime("occurred_at").toInstant()));
                    }
                    return events;
                });
    }

    /** The map version a new run uses: the latest one approved (map.approved), or null when none is. */
    public Uni<Integer> latestApprovedMapVersion(String migrationId) {
        return client.preparedQuery("""
                        SELECT (payload->>'mapVersion')::int FROM reconciler.lifecycle_events
                        WHERE migration_id = $1 AND type = 'map.approved'
                        ORDER BY occurred_at DESC, kafka_offset DESC LIMIT 1""")
                .execute(Tuple.of(migrationId))
                .map(rows -> rows.iterator().hasNext() ? rows.iterator().next().getInteger(0) : null);
    }

    /** The latest payload of each lifecycle type of a migration, for its status page. */
    public Uni<java.util.Map<String, JsonObject>> latestPayloads(String migrationId) {
        return client.preparedQuery("""
                        SELECT DISTINCT ON (type) type, payload, occurred_at FROM reconciler.lifecycle_events
                        WHERE migration_id = $1 ORDER BY type, occurred_at DESC, kafka_offset DESC""")
                .execute(Tuple.of(migrationId))
                .map(rows -> {
                    java.util.Map<String, JsonObject> out = new java.util.TreeMap<>();
                    for (Row r : rows) {
                        Object payload = r.getValue("payload");
                        JsonObject p = payload instanceof JsonObject o ? o.copy() : new JsonObject();
                        p.put("occurredAt", r.getOffsetDateTime("occurred_at").toInstant().toString());
                        out.put(r.getString("type"), p);
                    }
                    return out;
                });
    }

    /** The migration.failed events of a migration, oldest first: errors a person must look at. */
    public Uni<List<JsonObject>> failures(String migrationId) {
        return client.preparedQuery("""
                        SELECT run_id, phase, payload, occurred_at FROM reconciler.lifecycle_events
                        WHERE migration_id = $1 AND type = 'migration.failed' ORDER BY occurred_at, kafka_offset""")
                .execute(Tuple.of(migrationId))
                .map(rows -> {
                    List<JsonObject> out = new ArrayList<>();
                    for (Row r : rows) {
                        Object payload = r.getValue("payload");
                        JsonObject p = payload instanceof JsonObject o ? o.copy() : new JsonObject();
                        out.add(p.put("runId", r.getString("run_id")).put("phase", r.getString("phase"))
                                .put("occurredAt", r.getOffsetDateTime("occurred_at").toInstant().toString()));
                    }
                    return out;
                });
    }

    /** migration.failed events about one phase of one run, as "CODE (service): message". */
    public Uni<List<String>> phaseFailures(String migrationId, String runId, String phase) {
        return client.preparedQuery("""
                        SELECT payload->>'code', payload->>'service', payload->>'message' FROM reconciler.lifecycle_events
                        WHERE migration_id = $1 AND run_id = $2 AND phase = $3 AND type = 'migration.failed'
                        ORDER BY occurred_at, kafka_offset""")
                .execute(Tuple.of(migrationId, runId, phase))
                .map(rows -> {
                    List<String> out = new ArrayList<>();
                    for (Row r : rows) {
                        out.add(r.getString(0) + " (" + r.getString(1) + "): " + r.getString(2));
                    }
                    return out;
                });
    }
}

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
}

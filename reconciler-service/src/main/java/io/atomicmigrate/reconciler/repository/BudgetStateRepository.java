package io.atomicmigrate.reconciler.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * {@code reconciler.budget_states}: the latest budget.state per migration. An older event (a
 * redelivery, or one overtaken on another partition) never replaces a newer one.
 */
@ApplicationScoped
public class BudgetStateRepository {

    private final Pool client;

    public BudgetStateRepository(Pool client) {
        this.client = client;
    }

    /** The latest stored state of a migration, with when it was reported. */
    public record Stored(JsonObject payload, Instant occurredAt) {
    }

    public Uni<Void> keepLatest(String migrationId, UUID eventId, Instant occurredAt, JsonObject payload) {
        return client.preparedQuery("""
                        INSERT INTO reconciler.budget_states (migration_id, event_id, occurred_at, payload)
                        VALUES ($1, $2, $3, $4)
                        ON CONFLICT (migration_id) DO UPDATE SET event_id = excluded.event_id,
                            occurred_at = excluded.occurred_at, payload = excluded.payload, received_at = now()
                        WHERE budget_states.occurred_at < excluded.occurred_at""")
                .execute(Tuple.of(migrationId, eventId, occurredAt.atOffset(ZoneOffset.UTC), payload))
                .replaceWithVoid();
    }

    public Uni<Stored> latest(String migrationId) {
        return client.preparedQuery("SELECT payload, occurred_at FROM reconciler.budget_states WHERE migration_id = $1")
                .execute(Tuple.of(migrationId))
                .map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return null;
                    }
                    Row r = rows.iterator().next();
                    Object payload = r.getValue("payload");
                    return new Stored(payload instanceof JsonObject o ? o : new JsonObject(),
                            r.getOffsetDateTime("occurred_at").toInstant());
                });
    }
}

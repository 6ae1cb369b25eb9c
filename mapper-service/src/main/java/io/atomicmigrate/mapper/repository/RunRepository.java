package io.atomicmigrate.mapper.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/** {@code mapper.runs}: the map version each run started with. */
@ApplicationScoped
public class RunRepository {

    private final Pool client;

    public RunRepository(Pool client) {
        this.client = client;
    }

    /** Idempotent: a redelivered run.started changes nothing. */
    public Uni<Void> save(String migrationId, String runId, int mapVersion) {
        return client.preparedQuery("INSERT INTO mapper.runs (migration_id, run_id, map_version) VALUES ($1, $2, $3)"
                        + " ON CONFLICT (migration_id, run_id) DO NOTHING")
                .execute(Tuple.of(migrationId, runId, mapVersion)).replaceWithVoid();
    }

    /** The run's map version, or null when the run is unknown. */
    public Uni<Integer> mapVersion(String migrationId, String runId) {
        return client.preparedQuery("SELECT map_version FROM mapper.runs WHERE migration_id = $1 AND run_id = $2")
                .execute(Tuple.of(migrationId, runId))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getInteger(0));
    }
}

package io.atomicmigrate.extractor.repository;

import io.atomicmigrate.common.events.payload.PhaseExtracted;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;

/**
 * The state of each (run, phase) extraction: what makes a redelivered {@code phase.started}
 * harmless. RUNNING rows belong to an attempt that did not finish (a crash): it is redone.
 */
@ApplicationScoped
public class PhaseExtractionRepository {

    private final Pool client;

    public PhaseExtractionRepository(Pool client) {
        this.client = client;
    }

    /** Marks the phase running; returns false when it was already DONE (nothing to do). */
    public Uni<Boolean> begin(String runId, String phase, String migrationId) {
        return client.preparedQuery("""
                        INSERT INTO extractor.phase_extractions (run_id, phase, migration_id, state)
                        VALUES ($1, $2, $3, 'RUNNING')
                        ON CONFLICT (run_id, phase) DO UPDATE SET state = 'RUNNING', started_at = now()
                            WHERE phase_extractions.state <> 'DONE'
                        RETURNING state""")
                .execute(Tuple.of(runId, phase, migrationId))
                .map(rows -> rows.rowCount() == 1);
    }

    public Uni<Void> done(String runId, String phase, PhaseExtracted result) {
        return client.preparedQuery("""
                        UPDATE extractor.phase_extractions SET state = 'DONE', row_count = $3, per_table = $4,
                            checksum = $5, deleted_count = $6, unchanged_count = $7, finished_at = now()
                        WHERE run_id = $1 AND phase = $2""")
                .execute(Tuple.from(new Object[] {runId, phase, result.rowCount(),
                        new JsonObject(new LinkedHashMap<>(result.perTable())), result.checksum(),
                        result.deletedCount(), result.unchangedCount()}))
                .replaceWithVoid();
    }

    public Uni<Void> failed(String runId, String phase) {
        return client.preparedQuery("UPDATE extractor.phase_extractions SET state = 'FAILED', finished_at = now()"
                        + " WHERE run_id = $1 AND phase = $2")
                .execute(Tuple.of(runId, phase)).replaceWithVoid();
    }
}

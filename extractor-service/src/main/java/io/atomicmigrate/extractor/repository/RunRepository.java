package io.atomicmigrate.extractor.repository;

import io.atomicmigrate.common.events.payload.RunStarted;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.List;

/** Runs announced by {@code run.started} ({@code extractor.runs}); a redelivery changes nothing. */
@ApplicationScoped
public class RunRepository {

    private final Pool client;

    public RunRepository(Pool client) {
        this.client = client;
    }

    /** A run as the extractor needs it. */
    public record Run(String runId, String migrationId, RunStarted.RunKind kind, int sampleSize, List<String> phases) {
    }

    public Uni<Void> save(Run run) {
        return client.preparedQuery("""
                        INSERT INTO extractor.runs (run_id, migration_id, kind, sample_size, phases)
                        VALUES ($1, $2, $3, $4, $5) ON CONFLICT (run_id) DO NOTHING""")
                .execute(Tuple.of(run.runId(), run.migrationId(), run.kind().name(), run.sampleSize(),
                        run.phases().toArray(new String[0])))
                .replaceWithVoid();
    }

    public Uni<Run> find(String runId) {
        return client.preparedQuery("SELECT run_id, migration_id, kind, sample_size, phases FROM extractor.runs"
                        + " WHERE run_id = $1")
                .execute(Tuple.of(runId))
                .map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return null;
                    }
                    Row r = rows.iterator().next();
                    return new Run(r.getString(0), r.getString(1), RunStarted.RunKind.valueOf(r.getString(2)),
                            r.getInteger(3), Arrays.asList(r.getArrayOfStrings(4)));
                });
    }
}

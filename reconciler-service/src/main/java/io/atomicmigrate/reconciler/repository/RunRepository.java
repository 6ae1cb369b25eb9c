package io.atomicmigrate.reconciler.repository;

import io.atomicmigrate.common.events.Phase;
import io.atomicmigrate.common.events.payload.RunStarted.RunKind;
import io.atomicmigrate.reconciler.service.Run;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** {@code reconciler.runs}. State changes are conditional updates: only one caller wins a transition. */
@ApplicationScoped
public class RunRepository {

    private static final String COLUMNS = "run_id, migration_id, kind, map_version, sample_size, phases, retry_of,"
            + " state, announced, confirmed_by, confirmed_at, started_at, completed_at";

    private final Pool client;

    public RunRepository(Pool client) {
        this.client = client;
    }

    /** Inserts the run and its phases (the first one STARTING unless {@code announced}); false if it existed. */
    public Uni<Boolean> insert(Run run) {
        return client.withTransaction(tx -> tx.preparedQuery("""
                        INSERT INTO reconciler.runs (run_id, migration_id, kind, map_version, sample_size, phases,
                            retry_of, state, announced)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (run_id) DO NOTHING""")
                .execute(Tuple.from(new Object[] {run.runId(), run.migrationId(), run.kind().name(), run.mapVersion(),
                        run.sampleSize(), run.phases().stream().map(Enum::name).toArray(String[]::new), run.retryOf(),
                        run.state().name(), run.announced()}))
                .chain(inserted -> {
                    if (inserted.rowCount() == 0) {
                        return Uni.createFrom().item(false);
                    }
                    List<Tuple> phases = new ArrayList<>();
                    for (int i = 0; i < run.phases().size(); i++) {
                        // a run announced by someone else has its phases started by them (phase.started)
                        String state = i == 0 && !run.announced() ? "STARTING" : "PENDING";
                        phases.add(Tuple.of(run.migrationId(), run.runId(), run.phases().get(i).name(), i, state));
                    }
                    return tx.preparedQuery("""
                                    INSERT INTO reconciler.phases (migration_id, run_id, phase, position, state)
                                    VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING""")
                            .executeBatch(phases).replaceWith(true);
                }));
    }

    public Uni<Run> find(String runId) {
        return client.preparedQuery("SELECT " + COLUMNS + " FROM reconciler.runs WHERE run_id = $1")
                .execute(Tuple.of(runId)).map(rows -> rows.iterator().hasNext() ? run(rows.iterator().next()) : null);
    }

    public Uni<List<Run>> byMigration(String migrationId) {
        return client.preparedQuery("SELECT " + COLUMNS + " FROM reconciler.runs WHERE migration_id = $1"
                        + " ORDER BY started_at, run_id")
                .execute(Tuple.of(migrationId)).map(RunRepository::runs);
    }

    /** Runs whose run.started is not on the topic yet. */
    public Uni<List<Run>> unannounced() {
        return client.query("SELECT " + COLUMNS + " FROM reconciler.runs WHERE NOT announced ORDER BY started_at")
                .execute().map(RunRepository::runs);
    }

    public Uni<Void> markAnnounced(String runId) {
        return client.preparedQuery("UPDATE reconciler.runs SET announced = true WHERE run_id = $1")
                .execute(Tuple.of(runId)).replaceWithVoid();
    }

    /** Moves a run from one state to another; false when it was not in {@code from} (someone else moved it). */
    public Uni<Boolean> transition(String runId, Run.State from, Run.State to) {
        return client.preparedQuery("""
                        UPDATE reconciler.runs SET state = $3,
                            completed_at = CASE WHEN $3 IN ('AWAITING_CONFIRMATION', 'COMPLETE') THEN now()
                                                ELSE completed_at END
                        WHERE run_id = $1 AND state = $2""")
                .execute(Tuple.of(runId, from.name(), to.name())).map(r -> r.rowCount() == 1);
    }

    /** Records who confirmed a sample; false unless it was awaiting confirmation. */
    public Uni<Boolean> confirm(String runId, String by) {
        return client.preparedQuery("""
                        UPDATE reconciler.runs SET state = 'CONFIRMED', confirmed_by = $2, confirmed_at = now()
                        WHERE run_id = $1 AND state = 'AWAITING_CONFIRMATION'""")
                .execute(Tuple.of(runId, by)).map(r -> r.rowCount() == 1);
    }

    /** Every migration the reconciler has heard of, newest activity first. */
    public Uni<List<String>> migrationIds() {
        return client.query("""
                        SELECT migration_id FROM (
                            SELECT migration_id, max(occurred_at) AS at FROM reconciler.lifecycle_events GROUP BY migration_id
                            UNION ALL
                            SELECT migration_id, max(started_at) FROM reconciler.runs GROUP BY migration_id) m
                        GROUP BY migration_id ORDER BY max(at) DESC, migration_id""")
                .execute().map(rows -> {
                    List<String> ids = new ArrayList<>();
                    for (Row r : rows) {
                        ids.add(r.getString(0));
                    }
                    return ids;
                });
    }

    private static List<Run> runs(RowSet<Row> rows) {
        List<Run> out = new ArrayList<>();
        for (Row r : rows) {
            out.add(run(r));
        }
        return out;
    }

    private static Run run(Row r) {
        return new Run(r.getString("run_id"), r.getString("migration_id"), RunKind.valueOf(r.getString("kind")),
                r.getInteger("map_version"), r.getInteger("sample_size"),
                Arrays.stream(r.getArrayOfStrings("phases")).map(Phase::valueOf).toList(), r.getString("retry_of"),
                Run.State.valueOf(r.getString("state")), r.getBoolean("announced"), r.getString("confirmed_by"),
                instant(r.getOffsetDateTime("confirmed_at")), instant(r.getOffsetDateTime("started_at")),
                instant(r.getOffsetDateTime("completed_at")));
    }

    static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }
}

package io.atomicmigrate.reconciler.repository;

import io.atomicmigrate.common.events.Phase;
import io.atomicmigrate.reconciler.service.PhaseRecord;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/** {@code reconciler.phases}: conditional transitions, so two evaluators never both advance a phase. */
@ApplicationScoped
public class PhaseRepository {

    private static final String COLUMNS = "migration_id, run_id, phase, position, state, expected_rows, checksum,"
            + " started_at, completed_at, accepted_by, accepted_note, last_report";

    private final Pool client;

    public PhaseRepository(Pool client) {
        this.client = client;
    }

    public Uni<List<PhaseRecord>> byRun(String runId) {
        return client.preparedQuery("SELECT " + COLUMNS + " FROM reconciler.phases WHERE run_id = $1 ORDER BY position")
                .execute(Tuple.of(runId)).map(PhaseRepository::phases);
    }

    public Uni<PhaseRecord> find(String runId, Phase phase) {
        return client.preparedQuery("SELECT " + COLUMNS + " FROM reconciler.phases WHERE run_id = $1 AND phase = $2")
                .execute(Tuple.of(runId, phase.name()))
                .map(rows -> rows.iterator().hasNext() ? phase(rows.iterator().next()) : null);
    }

    /** Phases in the given state, across all runs. */
    public Uni<List<PhaseRecord>> inState(PhaseRecord.State state) {
        return client.preparedQuery("SELECT " + COLUMNS + " FROM reconciler.phases WHERE state = $1"
                        + " ORDER BY run_id, position")
                .execute(Tuple.of(state.name())).map(PhaseRepository::phases);
    }

    /** A phase.started was published (by us or another conductor): the phase runs. */
    public Uni<Boolean> markRunning(String runId, Phase phase) {
        return client.preparedQuery("""
                        UPDATE reconciler.phases SET state = 'RUNNING', started_at = COALESCE(started_at, now())
                        WHERE run_id = $1 AND phase = $2 AND state IN ('PENDING', 'STARTING')""")
                .execute(Tuple.of(runId, phase.name())).map(r -> r.rowCount() == 1);
    }

    /** The next phase of a run may be announced. */
    public Uni<Boolean> markStarting(String runId, Phase phase) {
        return client.preparedQuery("""
                        UPDATE reconciler.phases SET state = 'STARTING' WHERE run_id = $1 AND phase = $2 AND state = 'PENDING'""")
                .execute(Tuple.of(runId, phase.name())).map(r -> r.rowCount() == 1);
    }

    /** phase.extracted arrived: how many rows the extractor published, and their checksum. */
    public Uni<Boolean> extracted(String runId, Phase phase, long rows, String checksum) {
        return client.preparedQuery("""
                        UPDATE reconciler.phases SET expected_rows = $3, checksum = $4, extracted_at = now(),
                            -- it may overtake our own "running" mark; it never starts a phase still waiting its turn
                            state = CASE WHEN state = 'STARTING' THEN 'RUNNING' ELSE state END,
                            started_at = CASE WHEN state = 'PENDING' THEN started_at ELSE COALESCE(started_at, now()) END
                        WHERE run_id = $1 AND phase = $2""")
                .execute(Tuple.of(runId, phase.name(), rows, checksum)).map(r -> r.rowCount() == 1);
    }

    /** RUNNING → COMPLETE; false if another evaluator got there first. */
    public Uni<Boolean> complete(String runId, Phase phase, JsonObject finalReport) {
        return client.preparedQuery("""
                        UPDATE reconciler.phases SET state = 'COMPLETE', completed_at = now(), last_report = $3
                        WHERE run_id = $1 AND phase = $2 AND state = 'RUNNING'""")
                .execute(Tuple.of(runId, phase.name(), finalReport)).map(r -> r.rowCount() == 1);
    }

    public Uni<Void> saveReport(String runId, Phase phase, JsonObject report) {
        return client.preparedQuery("UPDATE reconciler.phases SET last_report = $3 WHERE run_id = $1 AND phase = $2")
                .execute(Tuple.of(runId, phase.name(), report)).replaceWithVoid();
    }

    /** A person accepts a running phase as it stands; false unless it is running. */
    public Uni<Boolean> accept(String runId, Phase phase, String by, String note) {
        return client.preparedQuery("""
                        UPDATE reconciler.phases SET accepted_by = $3, accepted_note = $4
                        WHERE run_id = $1 AND phase = $2 AND state = 'RUNNING'""")
                .execute(Tuple.of(runId, phase.name(), by, note)).map(r -> r.rowCount() == 1);
    }

    private static List<PhaseRecord> phases(RowSet<Row> rows) {
        List<PhaseRecord> out = new ArrayList<>();
        for (Row r : rows) {
            out.add(phase(r));
        }
        return out;
    }

    private static PhaseRecord phase(Row r) {
        Object report = r.getValue("last_report");
        return new PhaseRecord(r.getString("migration_id"), r.getString("run_id"), Phase.valueOf(r.getString("phase")),
                r.getInteger("position"), PhaseRecord.State.valueOf(r.getString("state")), r.getLong("expected_rows"),
                r.getString("checksum"), RunRepository.instant(r.getOffsetDateTime("started_at")),
                RunRepository.instant(r.getOffsetDateTime("completed_at")), r.getString("accepted_by"),
                r.getString("accepted_note"), report == null ? null : report.toString());
    }
}

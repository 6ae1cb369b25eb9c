package io.atomicmigrate.reconciler.repository;

import io.atomicmigrate.common.events.Phase;
import io.atomicmigrate.common.events.payload.PhaseCounts;
import io.atomicmigrate.reconciler.service.PhaseTally;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code reconciler.record_status}: the per-record status ledger. Each kind of event upserts
 * only its own columns, keyed by (migration, run, phase, table, source id), so redelivery and
 * any arrival order across the four record topics leave the same row behind.
 */
@ApplicationScoped
public class RecordLedgerRepository {

    /** Outcomes after which the source row is no longer needed for a retry. */
    private static final String LOADED = "('CREATED', 'MERGED', 'UPDATED', 'UNCHANGED', 'DELETED')";
    private static final String KEY = "(migration_id, run_id, phase, source_table, source_id)";

    private final Pool client;

    public RecordLedgerRepository(Pool client) {
        this.client = client;
    }

    /** Tuples: migration, run, phase, table, id, occurredAt, rowHash, change, row (JsonObject or null). */
    public Uni<Void> extracted(List<Tuple> rows) {
        return batch("""
                INSERT INTO reconciler.record_status (migration_id, run_id, phase, source_table, source_id,
                    extracted_at, row_hash, change, source_row)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
                ON CONFLICT %s DO UPDATE SET extracted_at = excluded.extracted_at, row_hash = excluded.row_hash,
                    change = excluded.change,
                    source_row = CASE WHEN record_status.outcome IN %s THEN NULL ELSE excluded.source_row END,
                    updated_at = now()
                WHERE record_status.extracted_at IS DISTINCT FROM excluded.extracted_at
                   OR record_status.row_hash IS DISTINCT FROM excluded.row_hash""".formatted(KEY, LOADED), rows);
    }

    /**
     * Tuples: migration, run, phase, table, id, occurredAt, object, payload (JsonObject), reference fields
     * (String[]), reference targets (JsonArray of {field, table, sourceId}), mapping ('MAPPED' for an UPSERT
     * or DELETE, 'SKIPPED' for a SKIP), reasons (JsonArray: a skip's reason; null otherwise).
     */
    public Uni<Void> mapped(List<Tuple> rows) {
        return batch("""
                INSERT INTO reconciler.record_status (migration_id, run_id, phase, source_table, source_id,
                    mapping, mapped_at, object, sent_payload, reference_fields, reference_targets, reasons)
                VALUES ($1, $2, $3, $4, $5, $11, $6, $7, $8, $9, $10, $12)
                ON CONFLICT %s DO UPDATE SET mapping = excluded.mapping, mapped_at = excluded.mapped_at,
                    object = excluded.object, reasons = excluded.reasons, reason_codes = NULL,
                    sent_payload = excluded.sent_payload, reference_fields = excluded.reference_fields,
                    reference_targets = excluded.reference_targets,
                    updated_at = now()
                WHERE record_status.mapped_at IS NULL OR record_status.mapped_at < excluded.mapped_at""".formatted(KEY),
                rows);
    }

    /** Tuples: migration, run, phase, table, id, occurredAt, reasons (JsonArray), codes (String[]), row (JsonObject). */
    public Uni<Void> rejected(List<Tuple> rows) {
        return batch("""
                INSERT INTO reconciler.record_status (migration_id, run_id, phase, source_table, source_id,
                    mapping, mapped_at, reasons, reason_codes, source_row)
                VALUES ($1, $2, $3, $4, $5, 'REJECTED', $6, $7, $8, $9)
                ON CONFLICT %s DO UPDATE SET mapping = 'REJECTED', mapped_at = excluded.mapped_at,
                    reasons = excluded.reasons, reason_codes = excluded.reason_codes,
                    source_row = COALESCE(record_status.source_row, excluded.source_row), updated_at = now()
                WHERE record_status.mapped_at IS NULL OR record_status.mapped_at < excluded.mapped_at""".formatted(KEY),
                rows);
    }

    /** Tuples: migration, run, phase, table, id, occurredAt, outcome, object, pipedriveId, errorCode, errorStatus, errorMessage. */
    public Uni<Void> outcome(List<Tuple> rows) {
        return batch("""
                INSERT INTO reconciler.record_status (migration_id, run_id, phase, source_table, source_id,
                    outcome_at, outcome, object, pipedrive_id, error_code, error_status, error_message)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
                ON CONFLICT %s DO UPDATE SET outcome_at = excluded.outcome_at, outcome = excluded.outcome,
                    object = COALESCE(excluded.object, record_status.object), pipedrive_id = excluded.pipedrive_id,
                    error_code = excluded.error_code, error_status = excluded.error_status,
                    error_message = excluded.error_message,
                    source_row = CASE WHEN excluded.outcome IN %s THEN NULL ELSE record_status.source_row END,
                    updated_at = now()
                WHERE record_status.outcome_at IS NULL OR record_status.outcome_at < excluded.outcome_at"""
                .formatted(KEY, LOADED), rows);
    }

    private Uni<Void> batch(String sql, List<Tuple> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return client.preparedQuery(sql).executeBatch(rows).replaceWithVoid();
    }

    /** The counts of one phase, derived from the ledger rows (never kept as counters that could drift). */
    public Uni<PhaseTally> tally(String migrationId, String runId, Phase phase) {
        Tuple key = Tuple.of(migrationId, runId, phase.name());
        Uni<Row> counts = client.preparedQuery("""
                        SELECT count(*) FILTER (WHERE extracted_at IS NOT NULL) AS extracted,
                               count(*) FILTER (WHERE mapping = 'MAPPED') AS mapped,
                               count(*) FILTER (WHERE mapping = 'REJECTED') AS rejected,
                               count(*) FILTER (WHERE mapping = 'SKIPPED') AS skipped,
                               count(*) FILTER (WHERE outcome = 'CREATED') AS created,
                               count(*) FILTER (WHERE outcome = 'MERGED') AS merged,
                               count(*) FILTER (WHERE outcome = 'UPDATED') AS updated,
                               count(*) FILTER (WHERE outcome = 'UNCHANGED') AS unchanged,
                               count(*) FILTER (WHERE outcome = 'FAILED') AS failed,
                               count(*) FILTER (WHERE outcome = 'DELETED') AS deleted,
                               count(*) FILTER (WHERE extracted_at IS NOT NULL AND mapping IS NULL) AS awaiting_mapping,
                               count(*) FILTER (WHERE mapping = 'MAPPED' AND outcome IS NULL) AS awaiting_outcome,
                               max(updated_at) AS last_change,
                               -- the extractor's phase checksum: XOR of the first 64 bits of every row hash
                               lpad(to_hex(bit_xor(('x' || substr(row_hash, 1, 16))::bit(64)::bigint)
                                   FILTER (WHERE extracted_at IS NOT NULL AND row_hash IS NOT NULL)), 16, '0')
                                   AS checksum
                        FROM reconciler.record_status
                        WHERE migration_id = $1 AND run_id = $2 AND phase = $3""")
                .execute(key).map(rows -> rows.iterator().next());
        Uni<Map<String, Long>> reasons = grouped("""
                SELECT code, count(*) FROM reconciler.record_status, unnest(reason_codes) AS code
                WHERE migration_id = $1 AND run_id = $2 AND phase = $3 AND mapping = 'REJECTED'
                GROUP BY code ORDER BY code""", key);
        Uni<Map<String, Long>> errors = grouped("""
                SELECT COALESCE(error_code, 'UNKNOWN'), count(*) FROM reconciler.record_status
                WHERE migration_id = $1 AND run_id = $2 AND phase = $3 AND outcome = 'FAILED'
                GROUP BY 1 ORDER BY 1""", key);
        return Uni.combine().all().unis(counts, reasons, errors).asTuple().map(t -> {
            Row r = t.getItem1();
            PhaseCounts c = new PhaseCounts(r.getLong("extracted"), r.getLong("mapped"), r.getLong("rejected"),
                    r.getLong("created"), r.getLong("merged"), r.getLong("updated"), r.getLong("unchanged"),
                    r.getLong("failed"), r.getLong("deleted"), r.getLong("skipped"));
            OffsetDateTime last = r.getOffsetDateTime("last_change");
            return new PhaseTally(c, r.getLong("awaiting_mapping"), r.getLong("awaiting_outcome"), t.getItem2(),
                    t.getItem3(), last == null ? null : last.toInstant(),
                    r.getString("checksum") == null ? "0000000000000000" : r.getString("checksum"));
        });
    }

    private Uni<Map<String, Long>> grouped(String sql, Tuple key) {
        return client.preparedQuery(sql).execute(key).map(rows -> {
            Map<String, Long> out = new LinkedHashMap<>();
            for (Row r : rows) {
                out.put(r.getString(0), r.getLong(1));
            }
            return out;
        });
    }

    /** A rejected or failed record of a run, with why: one line of a skip file. */
    public record Problem(String phase, String table, String sourceId, String status, String object,
                          io.vertx.core.json.JsonArray reasons, String errorCode, Integer errorStatus,
                          String errorMessage) {
    }

    /** Every rejected or failed record of a run (all phases), in phase order. */
    public Uni<List<Problem>> problems(String migrationId, String runId) {
        return client.preparedQuery("""
                        SELECT s.phase, s.source_table, s.source_id,
                               CASE WHEN s.outcome = 'FAILED' THEN 'FAILED' ELSE 'REJECTED' END AS status,
                               s.object, s.reasons, s.error_code, s.error_status, s.error_message
                        FROM reconciler.record_status s
                        LEFT JOIN reconciler.phases p ON p.run_id = s.run_id AND p.phase = s.phase
                        WHERE s.migration_id = $1 AND s.run_id = $2 AND (s.mapping = 'REJECTED' OR s.outcome = 'FAILED')
                        ORDER BY p.position NULLS LAST, s.phase, s.source_table, s.source_id""")
                .execute(Tuple.of(migrationId, runId))
                .map(rows -> {
                    List<Problem> out = new ArrayList<>();
                    for (Row r : rows) {
                        Object reasons = r.getValue("reasons");
                        out.add(new Problem(r.getString("phase"), r.getString("source_table"), r.getString("source_id"),
                                r.getString("status"), r.getString("object"),
                                reasons instanceof io.vertx.core.json.JsonArray a ? a : null, r.getString("error_code"),
                                r.getInteger("error_status"), r.getString("error_message")));
                    }
                    return out;
                });
    }

    /** A record to re-request: its source row as the extractor published it. */
    public record RetryCandidate(String table, String sourceId, io.vertx.core.json.JsonObject row, String rowHash) {
    }

    /**
     * The rejected and failed records of a phase of {@code rootRunId} that no retry of it has
     * loaded since, with their kept source rows.
     */
    public Uni<List<RetryCandidate>> retryCandidates(String migrationId, String rootRunId, Phase phase) {
        return client.preparedQuery("""
                        SELECT r.source_table, r.source_id, r.source_row, r.row_hash
                        FROM reconciler.record_status r
                        WHERE r.migration_id = $1 AND r.run_id = $2 AND r.phase = $3
                          AND (r.mapping = 'REJECTED' OR r.outcome = 'FAILED') AND r.source_row IS NOT NULL
                          AND NOT EXISTS (
                              SELECT 1 FROM reconciler.record_status s JOIN reconciler.runs x ON x.run_id = s.run_id
                              WHERE x.retry_of = $2 AND s.migration_id = r.migration_id AND s.phase = r.phase
                                AND s.source_table = r.source_table AND s.source_id = r.source_id
                                AND s.outcome IN %s)
                        ORDER BY r.source_table, r.source_id""".formatted(LOADED))
                .execute(Tuple.of(migrationId, rootRunId, phase.name()))
                .map(rows -> {
                    List<RetryCandidate> out = new ArrayList<>();
                    for (Row r : rows) {
                        Object row = r.getValue("source_row");
                        out.add(new RetryCandidate(r.getString(0), r.getString(1),
                                row instanceof io.vertx.core.json.JsonObject o ? o : null, r.getString(3)));
                    }
                    return out;
                });
    }

    /** A record the loader reports as in Pipedrive, with what was sent for it. */
    public record Loaded(String table, String sourceId, String object, String pipedriveId,
                         io.vertx.core.json.JsonObject sentPayload, List<String> referenceFields,
                         io.vertx.core.json.JsonArray referenceTargets) {
    }

    /**
     * The Pipedrive id of every source row of the migration that is in Pipedrive (any run, the
     * latest wins), by {@code table/sourceId}; a contact's person wins over its lead.
     */
    public Uni<Map<String, String>> pipedriveIds(String migrationId) {
        return client.preparedQuery("""
                        SELECT source_table, source_id, pipedrive_id FROM reconciler.record_status
                        WHERE migration_id = $1 AND pipedrive_id IS NOT NULL AND outcome IN %s
                        ORDER BY (object = 'lead') DESC, updated_at""".formatted(LOADED))
                .execute(Tuple.of(migrationId))
                .map(rows -> {
                    Map<String, String> out = new java.util.HashMap<>();
                    for (Row r : rows) {
                        out.put(r.getString(0) + "/" + r.getString(1), r.getString(2));
                    }
                    return out;
                });
    }

    /** Every record of a run that the loader reports as in Pipedrive (created, merged, updated or unchanged). */
    public Uni<List<Loaded>> loaded(String migrationId, String runId) {
        return client.preparedQuery("""
                        SELECT source_table, source_id, object, pipedrive_id, sent_payload, reference_fields,
                               reference_targets
                        FROM reconciler.record_status
                        WHERE migration_id = $1 AND run_id = $2 AND pipedrive_id IS NOT NULL
                          AND outcome IN ('CREATED', 'MERGED', 'UPDATED', 'UNCHANGED')
                        ORDER BY object, source_table, source_id""")
                .execute(Tuple.of(migrationId, runId))
                .map(rows -> {
                    List<Loaded> out = new ArrayList<>();
                    for (Row r : rows) {
                        Object payload = r.getValue("sent_payload");
                        String[] refs = r.getArrayOfStrings("reference_fields");
                        out.add(new Loaded(r.getString(0), r.getString(1), r.getString(2), r.getString(3),
                                payload instanceof io.vertx.core.json.JsonObject o ? o : null,
                                refs == null ? List.of() : List.of(refs),
                                r.getValue("reference_targets") instanceof io.vertx.core.json.JsonArray a ? a : null));
                    }
                    return out;
                });
    }

    /**
     * One source row's latest status in one phase of one run.
     *
     * @param status EXTRACTED, MAPPED, REJECTED, SKIPPED (with the mapper's reason) or the loader's outcome
     *               (CREATED ... DELETED, FAILED)
     */
    public record RecordStatus(String runId, String phase, String table, String sourceId, String status, String object,
                               String pipedriveId, io.vertx.core.json.JsonArray reasons, String errorCode,
                               Integer errorStatus, String errorMessage, java.time.Instant updatedAt) {
    }

    /** Every status a source row had, one per run and phase, oldest run first. */
    public Uni<List<RecordStatus>> history(String migrationId, String table, String sourceId) {
        return client.preparedQuery("""
                        SELECT s.run_id, s.phase, s.source_table, s.source_id,
                               COALESCE(s.outcome, s.mapping, CASE WHEN s.extracted_at IS NOT NULL THEN 'EXTRACTED' END)
                                   AS status,
                               s.object, s.pipedrive_id, s.reasons, s.error_code, s.error_status, s.error_message,
                               s.updated_at
                        FROM reconciler.record_status s LEFT JOIN reconciler.runs r ON r.run_id = s.run_id
                        WHERE s.migration_id = $1 AND s.source_table = $2 AND s.source_id = $3
                        ORDER BY r.started_at NULLS LAST, s.run_id, s.phase""")
                .execute(Tuple.of(migrationId, table, sourceId))
                .map(rows -> {
                    List<RecordStatus> out = new ArrayList<>();
                    for (Row r : rows) {
                        Object reasons = r.getValue("reasons");
                        out.add(new RecordStatus(r.getString("run_id"), r.getString("phase"), r.getString("source_table"),
                                r.getString("source_id"), r.getString("status"), r.getString("object"),
                                r.getString("pipedrive_id"), reasons instanceof io.vertx.core.json.JsonArray a ? a : null,
                                r.getString("error_code"), r.getInteger("error_status"), r.getString("error_message"),
                                r.getOffsetDateTime("updated_at").toInstant()));
                    }
                    return out;
                });
    }
}

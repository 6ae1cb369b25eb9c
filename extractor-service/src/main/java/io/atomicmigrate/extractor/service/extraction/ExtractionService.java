package io.atomicmigrate.extractor.service.extraction;

import io.atomicmigrate.common.events.EventEnvelope;
import io.atomicmigrate.common.events.Phase;
import io.atomicmigrate.common.events.payload.MigrationFailed;
import io.atomicmigrate.common.events.payload.PhaseExtracted;
import io.atomicmigrate.common.events.payload.RunStarted.RunKind;
import io.atomicmigrate.extractor.config.ExtractorConfig;
import io.atomicmigrate.extractor.messaging.LifecycleEventPublisher;
import io.atomicmigrate.extractor.repository.PhaseExtractionRepository;
import io.atomicmigrate.extractor.repository.RowHashRepository;
import io.atomicmigrate.extractor.repository.RunRepository;
import io.atomicmigrate.extractor.service.MigrationService;
import io.atomicmigrate.extractor.service.source.SourceEndpoint;
import io.atomicmigrate.extractor.service.source.SourceLayout;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgConnection;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Extraction (DESIGN §1 step 8): on a phase start, streams the phase's tables from the run's
 * snapshot to {@code crm.records.extracted}, then announces {@code phase.extracted} with the
 * count and checksum. Sample runs read a referentially closed subset; delta runs publish only
 * new and changed rows, and the deletions. The source is only ever read.
 */
@ApplicationScoped
public class ExtractionService {

    private static final Logger LOG = Logger.getLogger(ExtractionService.class);

    private final MigrationService migrations;
    private final RunRepository runs;
    private final PhaseExtractionRepository phases;
    private final RowHashRepository hashes;
    private final SnapshotRegistry snapshots;
    private final RecordSink sink;
    private final LifecycleEventPublisher events;
    private final Vertx vertx;
    private final ExtractorConfig config;
    private final TableStreamer streamer;
    private final RecordEncoder encoder = new RecordEncoder();

    public ExtractionService(MigrationService migrations, RunRepository runs, PhaseExtractionRepository phases,
                             RowHashRepository hashes, SnapshotRegistry snapshots, RecordSink sink,
                             LifecycleEventPublisher events, Vertx vertx, ExtractorConfig config) {
        this.migrations = migrations;
        this.runs = runs;
        this.phases = phases;
        this.hashes = hashes;
        this.snapshots = snapshots;
        this.sink = sink;
        this.events = events;
        this.vertx = vertx;
        this.config = config;
        this.streamer = new TableStreamer(new RowCanonicalizer(), config.extraction().pageSize(),
                config.extraction().pagesAhead(), config.extraction().pagesInFlight());
    }

    /** Remembers a run's kind and sample size for its phases. */
    public Uni<Void> runStarted(RunRepository.Run run) {
        return runs.save(run);
    }

    /** Extracts one phase of one run; a redelivered start of a finished phase does nothing. */
    public Uni<Void> extractPhase(String migrationId, String runId, Phase phase) {
        return migrations.find(migrationId).chain(migration -> {
            if (migration == null) {
                // another extractor's (or a test's) migration: not ours to answer for
                LOG.warnf("phase %s of run %s: migration %s is not registered here; ignored", phase, runId, migrationId);
                return Uni.createFrom().voidItem();
            }
            return extractKnownPhase(migrationId, runId, phase);
        });
    }

    private Uni<Void> extractKnownPhase(String migrationId, String runId, Phase phase) {
        return runs.find(runId).chain(found -> {
            RunRepository.Run run = found;
            if (run == null) {
                LOG.warnf("phase %s of run %s started without a run.started the extractor saw; extracting in full",
                        phase, runId);
                run = new RunRepository.Run(runId, migrationId, RunKind.PRODUCTION, 0, List.of());
            }
            RunRepository.Run r = run;
            if (r.kind() == RunKind.RETRY) {
                // a retry re-publishes rejected and failed records from the reconciler's ledger; the source is not read
                LOG.debugf("phase %s of retry run %s needs no extraction", phase, runId);
                return Uni.createFrom().voidItem();
            }
            return phases.begin(runId, phase.name(), migrationId).chain(fresh -> {
                if (!fresh) {
                    LOG.infof("phase %s of run %s was already extracted; ignoring the repeated start", phase, runId);
                    return Uni.createFrom().voidItem();
                }
                return migrations.source(migrationId)
                        .chain(source -> extract(r, phase, source))
                        .call(result -> events.publish(EventEnvelope.of(migrationId, runId, phase, result)))
                        .call(result -> phases.done(runId, phase.name(), result))
                        .invoke(() -> {
                            if (isLastPhase(r, phase)) {
                                snapshots.release(runId);
                            }
                        })
                        .onFailure().call(e -> phases.failed(runId, phase.name())
                                .chain(() -> events.publish(EventEnvelope.of(migrationId, runId, phase,
                                        new MigrationFailed("EXTRACTION_FAILED", "extracting phase " + phase
                                                + " of run " + runId + " failed: " + e.getMessage(), "extractor-service"))))
                                .onFailure().recoverWithNull())
                        .replaceWithVoid();
            });
        });
    }

    private static boolean isLastPhase(RunRepository.Run run, Phase phase) {
        List<String> planned = run.phases();
        return planned.isEmpty() ? phase.next() == null : planned.get(planned.size() - 1).equals(phase.name());
    }

    private Uni<PhaseExtracted> extract(RunRepository.Run run, Phase phase, SourceEndpoint source) {
        return snapshots.acquire(run.runId(), source).chain(snapshot -> {
            if (snapshot.fresh() && !isFirstPhase(run, phase)) {
                LOG.warnf("run %s: phase %s reads a new snapshot (the earlier one was lost, e.g. by a restart)",
                        run.runId(), phase);
            }
            return PgConnection.connect(vertx, source.pgConnectOptions(config.source().connectTimeout()))
                    .chain(conn -> conn.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY").execute()
                            .chain(() -> conn.query("SET TRANSACTION SNAPSHOT '" + snapshot.id().replace("'", "")
                                    + "'").execute())
                            // RLS must fail loudly, never filter silently (the checks ran, but roles change)
                            .chain(() -> conn.query("SET LOCAL row_security = off").execute())
                            .chain(() -> conn.query("""
                                    SELECT c.relname FROM pg_catalog.pg_class c
                                    JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                                    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')""").execute())
                            .map(rows -> {
                                Set<String> names = new HashSet<>();
                                for (Row r : rows) {
                                    names.add(r.getString(0));
                                }
                                return SourceLayout.of(names);
                            })
                            .chain(layout -> extractTables(conn, run, phase, layout))
                            .call(() -> conn.query("COMMIT").execute())
                            .eventually(conn::close));
        });
    }

    private static boolean isFirstPhase(RunRepository.Run run, Phase phase) {
        return run.phases().isEmpty() ? phase.ordinal() == 0 : run.phases().get(0).equals(phase.name());
    }

    private Uni<PhaseExtracted> extractTables(PgConnection conn, RunRepository.Run run, Phase phase,
                                              SourceLayout layout) {
        PhaseChecksum checksum = new PhaseChecksum();
        Map<String, Long> perTable = new LinkedHashMap<>();
        long[] deleted = {0};
        long[] unchanged = {0};
        List<String> tables = phase.sourceTables().stream().filter(layout::has).toList();
        return Multi.createFrom().iterable(tables)
                .onItem().transformToUniAndConcatenate(table -> {
                    TableRead read = read(run, phase, layout, table);
                    TablePublisher publisher = new TablePublisher(run, phase, table, checksum, hashes, sink, encoder,
                            config.extraction().pageSize());
                    return streamer.stream(conn, read, publisher::page)
                            .chain(publisher::finish)
                            .invoke(() -> {
                                perTable.put(table, publisher.published());
                                deleted[0] += publisher.deleted();
                                unchanged[0] += publisher.unchanged();
                            });
                })
                .collect().last()
                .map(x -> {
                    long total = perTable.values().stream().mapToLong(Long::longValue).sum();
                    LOG.infof("run %s phase %s: %d record(s) extracted %s", run.runId(), phase, total, perTable);
                    return new PhaseExtracted(total, perTable, checksum.hex(), deleted[0], unchanged[0]);
                })
                .onItem().ifNull().continueWith(() -> new PhaseExtracted(0, perTable, checksum.hex(), 0, 0));
    }

    private TableRead read(RunRepository.Run run, Phase phase, SourceLayout layout, String table) {
        String with = "";
        List<String> filters = new ArrayList<>();
        if (phase == Phase.FILES) {
            filters.add("cardinality(t.attachments) > 0"); // the files phase moves attachments only
        }
        if (run.kind() == RunKind.SAMPLE) {
            with = SampleScope.with(layout, Math.max(1, run.sampleSize()));
            filters.add(SampleScope.filter(table));
        }
        return new TableRead(table, layout.qualified(table), with, String.join(" AND ", filters));
    }
}

package io.atomicmigrate.extractor.service.extraction;

import io.atomicmigrate.common.events.EventEnvelope;
import io.atomicmigrate.common.events.Phase;
import io.atomicmigrate.common.events.payload.RecordExtracted;
import io.atomicmigrate.common.events.payload.RunStarted.RunKind;
import io.atomicmigrate.extractor.repository.RowHashRepository;
import io.atomicmigrate.extractor.repository.RowHashRepository.Decision;
import io.atomicmigrate.extractor.repository.RunRepository;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What one run does with one table of a phase, page by page: remember the row hashes (full and
 * delta runs), decide what a delta run publishes, encode the {@code record.extracted} events, keep
 * the phase checksum, and hand the records to the sink; after the table, the deletions.
 *
 * <p>The benchmark drives this same class, so everything the service does per row is measured.
 */
public final class TablePublisher {

    private final RunRepository.Run run;
    private final Phase phase;
    private final String table;
    private final PhaseChecksum checksum;
    private final RowHashRepository hashes;
    private final RecordSink sink;
    private final RecordEncoder encoder;
    private final int deletionPageSize;
    /** Full runs: whether the table had no stored hashes before this run (asked once, at the first page). */
    private final Uni<Boolean> firstHashes;
    // atomic: a delta run's pages publish when their hash decisions arrive, two pages may do so at once
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong unchanged = new AtomicLong();
    private final AtomicLong deleted = new AtomicLong();

    public TablePublisher(RunRepository.Run run, Phase phase, String table, PhaseChecksum checksum,
                          RowHashRepository hashes, RecordSink sink, RecordEncoder encoder, int deletionPageSize) {
        this.run = run;
        this.phase = phase;
        this.table = table;
        this.checksum = checksum;
        this.hashes = hashes;
        this.sink = sink;
        this.encoder = encoder;
        this.deletionPageSize = deletionPageSize;
        this.firstHashes = Uni.createFrom().deferred(() -> hashes.anyStored(run.migrationId(), phase.name(), table))
                .map(any -> !any).memoize().indefinitely();
    }

    /** Records published (rows, and for delta runs deletions). */
    public long published() {
        return published.get();
    }

    public long unchanged() {
        return unchanged.get();
    }

    public long deleted() {
        return deleted.get();
    }

    /**
     * One page of canonical rows, in key order; completes when the broker acked its records. Called
     * for one page at a time, but the next page may be called while this one's Uni is pending.
     */
    public Uni<Void> page(List<CanonicalRow> page) {
        if (run.kind() == RunKind.SAMPLE) {
            return publish(page, null);
        }
        List<String> ids = new ArrayList<>(page.size());
        List<String> rowHashes = new ArrayList<>(page.size());
        for (CanonicalRow row : page) {
            ids.add(row.sourceId());
            rowHashes.add(row.hash());
        }
        if (run.kind() != RunKind.DELTA) {
            // a full run publishes every row whatever the hashes say: remembering them and publishing
            // overlap instead of adding a control-database round trip to every page
            Uni<Void> remembered = firstHashes.chain(first -> first
                    ? hashes.insertFirst(run.migrationId(), phase.name(), table, run.runId(), ids, rowHashes)
                    : hashes.remember(run.migrationId(), phase.name(), table, run.runId(), ids, rowHashes));
            return Uni.combine().all().unis(remembered, publish(page, null)).discardItems();
        }
        return hashes.record(run.migrationId(), phase.name(), table, run.runId(), ids, rowHashes)
                .chain(decisions -> {
                    List<CanonicalRow> changed = new ArrayList<>();
                    for (CanonicalRow row : page) {
                        if (decisions.get(row.sourceId()) == Decision.UNCHANGED) {
                            unchanged.incrementAndGet();
                        } else {
                            changed.add(row);
                        }
                    }
                    return publish(changed, decisions);
                });
    }

    private Uni<Void> publish(List<CanonicalRow> rows, Map<String, Decision> decisions) {
        List<OutgoingRecord> records = new ArrayList<>(rows.size());
        for (CanonicalRow row : rows) {
            RecordExtracted.Change change = decisions == null ? null
                    : decisions.get(row.sourceId()) == Decision.NEW ? RecordExtracted.Change.NEW
                    : RecordExtracted.Change.CHANGED;
            records.add(encoder.encode(EventEnvelope.of(run.migrationId(), run.runId(), phase,
                    new RecordExtracted(row.table(), row.sourceId(), row.row(), row.hash(), change))));
            checksum.add(row.hash());
        }
        published.addAndGet(rows.size());
        return sink.publish(records);
    }

    /** After the last page: deletions, announced by delta runs, recorded silently by full runs. */
    public Uni<Void> finish() {
        if (run.kind() == RunKind.PRODUCTION) {
            // a table whose hashes this run stored first has no row this run did not see
            return firstHashes.chain(first -> first ? Uni.createFrom().voidItem()
                    : hashes.markUnseenDeleted(run.migrationId(), phase.name(), table, run.runId()));
        }
        if (run.kind() != RunKind.DELTA) {
            return Uni.createFrom().voidItem();
        }
        String[] after = {""};
        return Multi.createBy().repeating()
                .uni(() -> hashes.gone(run.migrationId(), phase.name(), table, run.runId(), after[0], deletionPageSize))
                .whilst(gone -> gone.size() == deletionPageSize)
                .onItem().transformToUniAndConcatenate(gone -> {
                    if (gone.isEmpty()) {
                        return Uni.createFrom().voidItem();
                    }
                    after[0] = gone.get(gone.size() - 1).sourceId();
                    List<OutgoingRecord> records = new ArrayList<>();
                    List<String> ids = new ArrayList<>();
                    for (RowHashRepository.Gone g : gone) {
                        records.add(encoder.encode(EventEnvelope.of(run.migrationId(), run.runId(), phase,
                                new RecordExtracted(table, g.sourceId(), null, g.lastHash(),
                                        RecordExtracted.Change.DELETED))));
                        checksum.add(g.lastHash());
                        ids.add(g.sourceId());
                    }
                    published.addAndGet(gone.size());
                    deleted.addAndGet(gone.size());
                    return sink.publish(records)
                            .chain(() -> hashes.markDeleted(run.migrationId(), phase.name(), table, run.runId(), ids));
                })
                .collect().last().replaceWithVoid();
    }
}

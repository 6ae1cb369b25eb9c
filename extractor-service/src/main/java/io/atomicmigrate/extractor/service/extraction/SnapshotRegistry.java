package io.atomicmigrate.extractor.service.extraction;

import io.atomicmigrate.extractor.config.ExtractorConfig;
import io.atomicmigrate.extractor.service.source.SourceEndpoint;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgConnection;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * One consistent view of the source per run (DESIGN §8). The first phase of a run opens a
 * holder transaction (repeatable read, read only) and exports its snapshot; every phase of the
 * run then reads in its own transaction with {@code SET TRANSACTION SNAPSHOT}, so all phases see
 * the same data even though they start minutes or hours apart. The holder stays open until the
 * run's last phase is extracted (or the snapshot is too old: it pins row versions on the source).
 */
@ApplicationScoped
public class SnapshotRegistry {

    private static final Logger LOG = Logger.getLogger(SnapshotRegistry.class);

    private final Vertx vertx;
    private final ExtractorConfig config;
    private final Map<String, Holder> holders = new ConcurrentHashMap<>();

    public SnapshotRegistry(Vertx vertx, ExtractorConfig config) {
        this.vertx = vertx;
        this.config = config;
    }

    /** A snapshot held for the run; {@code fresh} says it was created now (a restart loses the old one). */
    public record Snapshot(String id, boolean fresh) {
    }

    public Uni<Snapshot> acquire(String runId, SourceEndpoint source) {
        releaseExpired(runId);
        Holder existing = holders.get(runId);
        if (existing != null && existing.createdAt.plus(config.extraction().snapshotMaxAge()).isAfter(Instant.now())) {
            return Uni.createFrom().item(new Snapshot(existing.snapshotId, false));
        }
        if (existing != null) {
            LOG.warnf("snapshot of run %s is older than %s; taking a new one", runId,
                    config.extraction().snapshotMaxAge());
            release(runId);
        }
        return PgConnection.connect(vertx, source.pgConnectOptions(config.source().connectTimeout()))
                .chain(conn -> conn.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY").execute()
                        .chain(() -> conn.query("SELECT pg_export_snapshot()").execute())
                        .map(rows -> rows.iterator().next().getString(0))
                        .map(id -> {
                            Holder h = new Holder(conn, id, Instant.now());
                            Holder raced = holders.putIfAbsent(runId, h);
                            if (raced != null) {
                                conn.closeAndForget();
                                return new Snapshot(raced.snapshotId, false);
                            }
                            return new Snapshot(id, true);
                        })
                        .onFailure().call(() -> conn.close()));
    }

    /**
     * Ends the holders of other runs that outlived the maximum age: a run abandoned before its
     * last phase must not keep a transaction open on a customer's database for ever.
     */
    private void releaseExpired(String exceptRunId) {
        Instant limit = Instant.now().minus(config.extraction().snapshotMaxAge());
        holders.forEach((runId, h) -> {
            if (!runId.equals(exceptRunId) && h.createdAt.isBefore(limit)) {
                LOG.warnf("releasing the snapshot of run %s: older than %s and its last phase never came", runId,
                        config.extraction().snapshotMaxAge());
                release(runId);
            }
        });
    }

    /** Ends the holder transaction: the run needs its snapshot no longer. */
    public void release(String runId) {
        Holder h = holders.remove(runId);
        if (h != null) {
            h.connection.query("ROLLBACK").execute().onTermination().call(() -> h.connection.close())
                    .subscribe().with(x -> { }, e -> LOG.debugf("closing snapshot holder of %s: %s", runId, e));
        }
    }

    public boolean holds(String runId) {
        return holders.containsKey(runId);
    }

    @PreDestroy
    void closeAll() {
        holders.keySet().forEach(this::release);
    }

    private record Holder(PgConnection connection, String snapshotId, Instant createdAt) {
    }
}

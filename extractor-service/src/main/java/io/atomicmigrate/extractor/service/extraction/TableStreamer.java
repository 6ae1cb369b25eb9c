package io.atomicmigrate.extractor.service.extraction;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * Streams one table through the Vert.x reactive client in keyset pages, inside the caller's
 * snapshot transaction, as typed columns ({@link RowReader}) turned into canonical rows in the JVM. Pipelined with bounded memory: while page k is canonicalised and
 * published (off the event loop), page k+1 is fetched; page k+2 is fetched only after page k's
 * handler completed (the broker acked it). So at most two pages are in memory, whatever the
 * table's size, and Postgres and the JVM work at the same time.
 */
public final class TableStreamer {

    private final RowCanonicalizer canonicalizer;
    private final int pageSize;
    private final Executor worker;

    public TableStreamer(RowCanonicalizer canonicalizer, int pageSize) {
        this(canonicalizer, pageSize, Infrastructure.getDefaultWorkerPool());
    }

    public TableStreamer(RowCanonicalizer canonicalizer, int pageSize, Executor worker) {
        if (pageSize < 1) {
            throw new IllegalArgumentException("page size must be positive");
        }
        this.canonicalizer = canonicalizer;
        this.pageSize = pageSize;
        this.worker = worker;
    }

    /** Rows read, in total. */
    public Uni<Long> stream(SqlConnection connection, TableRead read, Function<List<CanonicalRow>, Uni<Void>> handler) {
        // the columns are read in the caller's transaction, so they are the snapshot's columns
        return connection.preparedQuery(RowReader.COLUMNS_SQL).execute(Tuple.of(read.qualified()))
                .chain(columns -> {
                    List<RowReader.ColumnInfo> infos = new ArrayList<>(columns.size());
                    for (Row c : columns) {
                        infos.add(RowReader.ColumnInfo.of(c));
                    }
                    RowReader reader = RowReader.plan(infos);
                    Loop loop = new Loop(connection, read.pageSql(reader.selectList(), pageSize), read.table(), reader,
                            handler);
                    loop.step();
                    return Uni.createFrom().completionStage(loop.result);
                });
    }

    /**
     * The page loop as a small state machine rather than nested Unis: a recursive Uni chain would
     * keep every page's subscriber (and rows) reachable until the table ends. Each step fetches
     * the page after {@code lastId} while the previous page is being handled, then starts handling
     * the new page and drops the old one. Steps run on I/O callbacks, so the stack does not grow.
     */
    private final class Loop {
        private final SqlConnection connection;
        private final String sql;
        private final String table;
        private final RowReader reader;
        private final Function<List<CanonicalRow>, Uni<Void>> handler;
        private final CompletableFuture<Long> result = new CompletableFuture<>();
        private long lastId = Long.MIN_VALUE;
        private long total;
        private Uni<Void> previous = Uni.createFrom().voidItem();

        Loop(SqlConnection connection, String sql, String table, RowReader reader,
             Function<List<CanonicalRow>, Uni<Void>> handler) {
            this.connection = connection;
            this.sql = sql;
            this.table = table;
            this.reader = reader;
            this.handler = handler;
        }

        void step() {
            Uni<RowSet<Row>> fetch = connection.preparedQuery(sql).execute(Tuple.of(lastId));
            Uni.combine().all().unis(fetch, previous).asTuple().subscribe().with(both -> {
                RowSet<Row> rows = both.getItem1();
                if (rows.size() == 0) {
                    result.complete(total);
                    return;
                }
                List<Row> page = new ArrayList<>(rows.size());
                for (Row r : rows) {
                    page.add(r);
                }
                lastId = page.get(page.size() - 1).getLong(0);
                total += rows.size();
                Uni<Void> handling = Uni.createFrom().item(() -> canonical(table, reader, page))
                        .runSubscriptionOn(worker)
                        .chain(handler::apply)
                        .memoize().indefinitely();
                handling.subscribe().with(x -> { }, e -> { }); // start now; the next step awaits it
                if (rows.size() < pageSize) {
                    handling.subscribe().with(x -> result.complete(total), result::completeExceptionally);
                } else {
                    previous = handling;
                    step();
                }
            }, result::completeExceptionally);
        }
    }

    /** Off the event loop: JSON values from the typed columns, then the canonical bytes and hash. */
    private List<CanonicalRow> canonical(String table, RowReader reader, List<Row> rows) {
        List<CanonicalRow> page = new ArrayList<>(rows.size());
        for (Row row : rows) {
            page.add(canonicalizer.canonical(table, row.getLong(0), reader.read(row)));
        }
        return page;
    }
}

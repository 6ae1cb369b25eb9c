package io.atomicmigrate.extractor.service.extraction;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * Streams one table through the Vert.x reactive client in keyset pages, inside the caller's
 * snapshot transaction, as typed columns ({@link RowReader}) turned into canonical rows in the JVM.
 *
 * <p>A bounded pipeline of stages that work at the same time: Postgres reads page k+3 while a
 * worker canonicalises page k+2 (JSON, SHA-256) while the handler publishes page k+1 while page k
 * waits for the broker's acks. The handler is called for one page at a time, in key order; the
 * page it returns a Uni for may still wait for its acks while the next page is handed over, up to
 * {@code pagesInFlight} pages. A page is read only when fewer than {@code pagesAhead} pages wait
 * for the handler. So at most {@code pagesAhead + pagesInFlight} pages are in memory whatever the
 * table's size (backpressure: a slow broker stops the reads).
 *
 * <p>Why more than one page in flight: with one, every page paid the broker's round trip (linger,
 * replication, the control database's commit of the row hashes) with the handler idle, and each
 * page's records were cut into small per-partition batches.
 */
public final class TableStreamer {

    private final RowCanonicalizer canonicalizer;
    private final int pageSize;
    private final int pagesAhead;
    private final int pagesInFlight;
    private final Executor worker;

    public TableStreamer(RowCanonicalizer canonicalizer, int pageSize) {
        this(canonicalizer, pageSize, 1, 1);
    }

    public TableStreamer(RowCanonicalizer canonicalizer, int pageSize, int pagesAhead, int pagesInFlight) {
        this(canonicalizer, pageSize, pagesAhead, pagesInFlight, Infrastructure.getDefaultWorkerPool());
    }

    public TableStreamer(RowCanonicalizer canonicalizer, int pageSize, int pagesAhead, int pagesInFlight,
                         Executor worker) {
        if (pageSize < 1 || pagesAhead < 1 || pagesInFlight < 1) {
            throw new IllegalArgumentException("page size, pages ahead and pages in flight must be positive");
        }
        this.canonicalizer = canonicalizer;
        this.pageSize = pageSize;
        this.pagesAhead = pagesAhead;
        this.pagesInFlight = pagesInFlight;
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
                    Pipeline pipeline = new Pipeline(connection, read.pageSql(reader.selectList(), pageSize),
                            read.table(), reader, handler);
                    pipeline.advance();
                    return Uni.createFrom().completionStage(pipeline.result);
                });
    }

    /**
     * The pipeline as a small state machine under one lock rather than nested Unis: a recursive Uni
     * chain would keep every page's subscriber (and rows) reachable until the table ends. Callbacks
     * arrive on the event loop (reads) and on workers (canonical pages, acks); each only changes the
     * state and calls {@link #advance()}, so the stack does not grow with the number of pages.
     */
    private final class Pipeline {
        private final SqlConnection connection;
        private final String sql;
        private final String table;
        private final RowReader reader;
        private final Function<List<CanonicalRow>, Uni<Void>> handler;
        private final CompletableFuture<Long> result = new CompletableFuture<>();
        /** Pages read, canonicalised or being canonicalised, in key order, waiting for the handler. */
        private final ArrayDeque<CompletableFuture<List<CanonicalRow>>> waiting = new ArrayDeque<>();
        private long lastId = Long.MIN_VALUE;
        private long total;
        private boolean reading;
        /** The handler is being called for a page (its synchronous part: encoding, sending). */
        private boolean handing;
        /** Pages handed to the handler whose Uni has not completed (acks awaited), at most pagesInFlight. */
        private int unacked;
        private boolean endOfTable;
        private boolean failed;

        Pipeline(SqlConnection connection, String sql, String table, RowReader reader,
                 Function<List<CanonicalRow>, Uni<Void>> handler) {
            this.connection = connection;
            this.sql = sql;
            this.table = table;
            this.reader = reader;
            this.handler = handler;
        }

        /** Starts whatever can start now: the next read, the next page's handling, or the end. */
        void advance() {
            boolean read = false;
            CompletableFuture<List<CanonicalRow>> next = null;
            boolean finished = false;
            synchronized (this) {
                if (failed) {
                    return;
                }
                if (!reading && !endOfTable && waiting.size() < pagesAhead) {
                    reading = true;
                    read = true;
                }
                if (!handing && unacked < pagesInFlight && !waiting.isEmpty()) {
                    handing = true;
                    unacked++;
                    next = waiting.poll();
                }
                finished = endOfTable && !reading && !handing && unacked == 0 && waiting.isEmpty();
            }
            if (read) {
                connection.preparedQuery(sql).execute(Tuple.of(lastId)).subscribe().with(this::read, this::fail);
            }
            if (next != null) {
                // on a worker: this may run on the thread that completed an earlier page's acks (the
                // producer's I/O thread), which must not encode a page of events
                next.thenAcceptAsync(this::hand, worker).exceptionally(error -> {
                    fail(error);
                    return null;
                });
            }
            if (finished) {
                result.complete(total);
            }
        }

        /** Calls the handler for one page; the next page may be handed over while this one awaits its acks. */
        private void hand(List<CanonicalRow> page) {
            CompletableFuture<Void> acked = handler.apply(page).subscribeAsCompletionStage();
            synchronized (this) {
                handing = false;
            }
            acked.whenComplete((ok, error) -> {
                if (error != null) {
                    fail(error);
                    return;
                }
                synchronized (this) {
                    unacked--;
                }
                advance();
            });
            advance();
        }

        private void read(RowSet<Row> rows) {
            List<Row> page = new ArrayList<>(rows.size());
            for (Row r : rows) {
                page.add(r);
            }
            synchronized (this) {
                reading = false;
                if (page.size() < pageSize) {
                    endOfTable = true;
                }
                if (!page.isEmpty()) {
                    lastId = page.get(page.size() - 1).getLong(0);
                    total += page.size();
                    // canonicalised off the event loop, at once, while the handler works on earlier pages
                    waiting.add(CompletableFuture.supplyAsync(() -> canonical(table, reader, page), worker));
                }
            }
            advance();
        }

        private void fail(Throwable error) {
            synchronized (this) {
                failed = true;
            }
            result.completeExceptionally(error instanceof java.util.concurrent.CompletionException c
                    && c.getCause() != null ? c.getCause() : error);
        }
    }

    /** Off the event loop: JSON values from the typed columns, then the canonical bytes and hash. */
    private List<CanonicalRow> canonical(String table, RowReader reader, List<Row> rows) {
        List<CanonicalRow> page = new ArrayList<>(rows.size());
        boolean direct = canonicalizer.writesDirectly(table, reader);
        for (Row row : rows) {
            page.add(direct ? canonicalizer.canonical(table, row.getLong(0), reader, row)
                    : canonicalizer.canonical(table, row.getLong(0), reader.read(row)));
        }
        return page;
    }
}

package io.atomicmigrate.extractor.service.extraction;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Streams one table through the Vert.x reactive client in keyset pages, inside the caller's
 * snapshot transaction. One page is in memory at a time: the next is fetched only after the
 * handler's Uni completed (the broker acked), so memory does not grow with the table.
 */
public final class TableStreamer {

    private final RowCanonicalizer canonicalizer;
    private final int pageSize;

    public TableStreamer(RowCanonicalizer canonicalizer, int pageSize) {
        if (pageSize < 1) {
            throw new IllegalArgumentException("page size must be positive");
        }
        this.canonicalizer = canonicalizer;
        this.pageSize = pageSize;
    }

    /** Rows read, in total. */
    public Uni<Long> stream(SqlConnection connection, TableRead read, Function<List<CanonicalRow>, Uni<Void>> handler) {
        String sql = read.pageSql();
        long[] lastId = {Long.MIN_VALUE};
        long[] total = {0};
        return Multi.createBy().repeating()
                .uni(() -> connection.preparedQuery(sql).execute(Tuple.of(lastId[0], pageSize)))
                .whilst(rows -> rows.size() == pageSize)
                .onItem().transformToUniAndConcatenate(rows -> {
                    List<CanonicalRow> page = canonical(read.table(), rows);
                    if (!page.isEmpty()) {
                        lastId[0] = page.get(page.size() - 1).id();
                        total[0] += page.size();
                    }
                    return page.isEmpty() ? Uni.createFrom().voidItem() : handler.apply(page);
                })
                .collect().last()
                .map(x -> total[0]);
    }

    private List<CanonicalRow> canonical(String table, RowSet<Row> rows) {
        List<CanonicalRow> page = new ArrayList<>(rows.size());
        for (Row r : rows) {
            page.add(canonicalizer.canonical(table, r.getLong(0), r.getString(1)));
        }
        return page;
    }
}

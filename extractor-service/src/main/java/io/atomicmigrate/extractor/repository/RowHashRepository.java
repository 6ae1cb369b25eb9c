package io.atomicmigrate.extractor.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Row hashes per migration, phase scope and table ({@code extractor.row_hashes}): the memory a
 * delta run compares against. Written one page at a time with a single bulk upsert.
 */
@ApplicationScoped
public class RowHashRepository {

    /** What a delta run says about a row it read. */
    public enum Decision { NEW, CHANGED, UNCHANGED }

    /** A row the previous run saw and this one did not: deleted at the source. */
    public record Gone(String sourceId, String lastHash) {
    }

    /**
     * This run's hashes of a page. A row already recorded by this run (a restarted phase) keeps the
     * hash from before this run as {@code prev_hash}, so a restart decides as the first attempt did.
     */
    private static final String UPSERT = """
            INSERT INTO extractor.row_hashes AS h (migration_id, scope, tbl, source_id, row_hash, last_run)
            SELECT $1, $2, $3, u.id, u.hash, $4 FROM unnest($5::text[], $6::text[]) AS u(id, hash)
            ON CONFLICT (migration_id, scope, tbl, source_id) DO UPDATE SET
                prev_hash = CASE WHEN h.last_run = EXCLUDED.last_run THEN h.prev_hash
                                 WHEN h.deleted_in_run IS NOT NULL THEN NULL
                                 ELSE h.row_hash END,
                row_hash = EXCLUDED.row_hash,
                deleted_in_run = CASE WHEN h.last_run = EXCLUDED.last_run THEN h.deleted_in_run END,
                last_run = EXCLUDED.last_run""";

    private final Pool client;

    public RowHashRepository(Pool client) {
        this.client = client;
    }

    /** Whether any hash of this table was stored for the migration (by any run, this one included). */
    public Uni<Boolean> anyStored(String migrationId, String scope, String table) {
        return client.preparedQuery("""
                        SELECT EXISTS (SELECT 1 FROM extractor.row_hashes
                                       WHERE migration_id = $1 AND scope = $2 AND tbl = $3)""")
                .execute(Tuple.of(migrationId, scope, table))
                .map(rows -> rows.iterator().next().getBoolean(0));
    }

    /**
     * Stores the first hashes of a table that has none yet ({@link #anyStored} said no): a plain
     * insert, what the upsert would have done, without its conflict checks (measured: about 40% of
     * the control database's time per row). Should another extraction of the same table store
     * hashes meanwhile, the primary key refuses the page and the phase fails loudly.
     */
    public Uni<Void> insertFirst(String migrationId, String scope, String table, String runId, List<String> ids,
                                 List<String> hashes) {
        return client.preparedQuery("""
                        INSERT INTO extractor.row_hashes (migration_id, scope, tbl, source_id, row_hash, last_run)
                        SELECT $1, $2, $3, u.id, u.hash, $4 FROM unnest($5::text[], $6::text[]) AS u(id, hash)""")
                .execute(Tuple.of(migrationId, scope, table, runId, ids.toArray(new String[0]),
                        hashes.toArray(new String[0])))
                .replaceWithVoid();
    }

    /**
     * Records this run's hashes of one page, for a full run that publishes every row anyway: the
     * same upsert as {@link #record}, without returning the previous hashes.
     */
    public Uni<Void> remember(String migrationId, String scope, String table, String runId, List<String> ids,
                              List<String> hashes) {
        return client.preparedQuery(UPSERT)
                .execute(Tuple.of(migrationId, scope, table, runId, ids.toArray(new String[0]),
                        hashes.toArray(new String[0])))
                .replaceWithVoid();
    }

    /**
     * Records this run's hashes of one page and says, per source id, how each row compares with the
     * previous run. A row already recorded by this run (a restarted phase) compares against the hash
     * from before this run, so a restart decides exactly as the first attempt did.
     */
    public Uni<Map<String, Decision>> record(String migrationId, String scope, String table, String runId,
                                             List<String> ids, List<String> hashes) {
        Map<String, String> hashById = new HashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            hashById.put(ids.get(i), hashes.get(i));
        }
        return client.preparedQuery(UPSERT + " RETURNING source_id, prev_hash")
                .execute(Tuple.of(migrationId, scope, table, runId, ids.toArray(new String[0]),
                        hashes.toArray(new String[0])))
                .map(rows -> {
                    Map<String, Decision> decisions = new HashMap<>();
                    for (Row r : rows) {
                        String id = r.getString(0);
                        String prev = r.getString(1);
                        decisions.put(id, prev == null ? Decision.NEW
                                : prev.equals(hashById.get(id)) ? Decision.UNCHANGED : Decision.CHANGED);
                    }
                    return decisions;
                });
    }

    /** Up to {@code limit} rows (after {@code afterId}) the last run saw and this run did not. */
    public Uni<List<Gone>> gone(String migrationId, String scope, String table, String runId, String afterId,
                                int limit) {
        return client.preparedQuery("""
                        SELECT source_id, row_hash FROM extractor.row_hashes
                        WHERE migration_id = $1 AND scope = $2 AND tbl = $3 AND last_run <> $4
                          AND (deleted_in_run IS NULL OR deleted_in_run = $4) AND source_id > $5
                        ORDER BY source_id LIMIT $6""")
                .execute(Tuple.of(migrationId, scope, table, runId, afterId, limit))
                .map(rows -> {
                    List<Gone> gone = new ArrayList<>();
                    rows.forEach(r -> gone.add(new Gone(r.getString(0), r.getString(1))));
                    return gone;
                });
    }

    public Uni<Void> markDeleted(String migrationId, String scope, String table, String runId, List<String> ids) {
        return client.preparedQuery("""
                        UPDATE extractor.row_hashes SET deleted_in_run = $4
                        WHERE migration_id = $1 AND scope = $2 AND tbl = $3 AND source_id = ANY ($5::text[])""")
                .execute(Tuple.of(migrationId, scope, table, runId, ids.toArray(new String[0]))).replaceWithVoid();
    }

    /** A full run: rows it did not see are gone, without being announced (the full run is the new baseline). */
    public Uni<Void> markUnseenDeleted(String migrationId, String scope, String table, String runId) {
        return client.preparedQuery("""
                        UPDATE extractor.row_hashes SET deleted_in_run = $4
                        WHERE migration_id = $1 AND scope = $2 AND tbl = $3 AND last_run <> $4 AND deleted_in_run IS NULL""")
                .execute(Tuple.of(migrationId, scope, table, runId)).replaceWithVoid();
    }
}

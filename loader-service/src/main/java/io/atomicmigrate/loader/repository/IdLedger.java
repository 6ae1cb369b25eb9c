package io.atomicmigrate.loader.repository;

import com.fasterxml.jackson.databind.JsonNode;
import io.agroal.api.AgroalDataSource;
import io.atomicmigrate.common.json.Json;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The id ledger (DESIGN §4): (migration, source table, source id, object) → Pipedrive id, with the
 * intent → done protocol of DESIGN §5. Writes are single statements, so a crash leaves either the
 * previous state or the next one, never half a row.
 */
@ApplicationScoped
public class IdLedger {

    private static final String COLUMNS = "migration_id, source_table, source_id, object, marker, state, how, "
            + "pipedrive_id, account_id, request_hash, before_image, outcome, intent_at, updated_at, run_id";

    private final AgroalDataSource db;

    public IdLedger(AgroalDataSource db) {
        this.db = db;
    }

    public Optional<LedgerEntry> find(String migrationId, String table, String sourceId, String object) {
        String sql = "select " + COLUMNS + " from id_ledger where migration_id = ? and source_table = ? "
                + "and source_id = ? and object = ?";
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, migrationId);
            ps.setString(2, table);
            ps.setString(3, sourceId);
            ps.setString(4, object);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure("read the ledger entry of " + table + "/" + sourceId, e);
        }
    }

    /**
     * Records the intent to create (or merge) before the call. A done row is never reopened; an open
     * intent keeps its first {@code intent_at}, so marker lookups search from the first attempt on.
     */
    public void intent(String migrationId, String table, String sourceId, String object, String marker,
                       long accountId, String requestHash, String runId, int mapVersion) {
        String sql = "insert into id_ledger (migration_id, source_table, source_id, object, marker, state, account_id, "
                + "request_hash, run_id, map_version, attempts, intent_at) values (?, ?, ?, ?, ?, 'intent', ?, ?, ?, ?, 1, now()) "
                + "on conflict (migration_id, source_table, source_id, object) do update set "
                + "state = 'intent', request_hash = excluded.request_hash, run_id = excluded.run_id, "
                + "map_version = excluded.map_version, attempts = id_ledger.attempts + 1, "
                + "intent_at = case when id_ledger.state = 'intent' then id_ledger.intent_at else now() end, "
                + "updated_at = now() where id_ledger.state <> 'done'";
        JdbcUpdates.update(db, "record the intent for " + table + "/" + sourceId, sql, migrationId, table, sourceId,
                object, marker, accountId, requestHash, runId, mapVersion);
    }

    /**
     * The write happened (or was found by its marker): the Pipedrive id and the outcome to re-publish
     * on a redelivery within {@code runId}; a later run sees the run differ and reports UNCHANGED instead.
     */
    public void done(String migrationId, String table, String sourceId, String object, String marker, long accountId,
                     String requestHash, String pipedriveId, String how, JsonNode beforeImage, JsonNode outcome,
                     String runId) {
        String sql = "insert into id_ledger (migration_id, source_table, source_id, object, marker, state, how, pipedrive_id, "
                + "account_id, request_hash, before_image, outcome, run_id, intent_at, done_at) "
                + "values (?, ?, ?, ?, ?, 'done', ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, now(), now()) "
                + "on conflict (migration_id, source_table, source_id, object) do update set state = 'done', "
                + "how = excluded.how, pipedrive_id = excluded.pipedrive_id, request_hash = excluded.request_hash, "
                + "before_image = coalesce(id_ledger.before_image, excluded.before_image), outcome = excluded.outcome, "
                + "run_id = excluded.run_id, done_at = now(), updated_at = now()";
        JdbcUpdates.update(db, "record the result for " + table + "/" + sourceId, sql, migrationId, table, sourceId,
                object, marker, how, pipedriveId, accountId, requestHash, beforeImage, outcome, runId);
    }

    /**
     * A record we created was deleted in Pipedrive because its source row was deleted (delta run). Only a
     * done row moves to deleted; the DELETED outcome is kept for redeliveries. The Pipedrive id stays.
     */
    public void deleted(String migrationId, String table, String sourceId, String object, String runId, JsonNode outcome) {
        String sql = "update id_ledger set state = 'deleted', outcome = ?::jsonb, run_id = ?, updated_at = now() "
                + "where migration_id = ? and source_table = ? and source_id = ? and object = ? and state = 'done'";
        JdbcUpdates.update(db, "record the deletion of " + table + "/" + sourceId, sql, outcome, runId, migrationId, table,
                sourceId, object);
    }

    /** Pipedrive refused the record for good; the outcome says why. A later delivery may try again. */
    public void failed(String migrationId, String table, String sourceId, String object, String marker, long accountId,
                       String requestHash, JsonNode outcome) {
        String sql = "insert into id_ledger (migration_id, source_table, source_id, object, marker, state, account_id, "
                + "request_hash, outcome, intent_at) values (?, ?, ?, ?, ?, 'failed', ?, ?, ?::jsonb, now()) "
                + "on conflict (migration_id, source_table, source_id, object) do update set state = 'failed', "
                + "outcome = excluded.outcome, updated_at = now() where id_ledger.state <> 'done'";
        JdbcUpdates.update(db, "record the failure of " + table + "/" + sourceId, sql, migrationId, table, sourceId,
                object, marker, accountId, requestHash, outcome);
    }

    /** A source row's reference: which table, which id, which object it became. */
    public record Ref(String table, String sourceId, String object) {
    }

    /** Pipedrive ids of done entries, for resolving a record's references in one query. */
    public Map<Ref, String> resolve(String migrationId, List<Ref> refs) {
        Map<Ref, String> out = new HashMap<>();
        if (refs.isEmpty()) {
            return out;
        }
        StringBuilder sql = new StringBuilder("select source_table, source_id, object, pipedrive_id from id_ledger "
                + "where migration_id = ? and state = 'done' and (source_table, source_id, object) in (");
        for (int i = 0; i < refs.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("(?, ?, ?)");
        }
        sql.append(')');
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
            ps.setString(1, migrationId);
            int i = 2;
            for (Ref r : refs) {
                ps.setString(i++, r.table());
                ps.setString(i++, r.sourceId());
                ps.setString(i++, r.object());
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(new Ref(rs.getString(1), rs.getString(2), rs.getString(3)), rs.getString(4));
                }
            }
            return out;
        } catch (SQLException e) {
            throw failure("resolve references", e);
        }
    }

    /** Every entry of a migration (rollback, verification, tests). */
    public List<LedgerEntry> all(String migrationId) {
        String sql = "select " + COLUMNS + " from id_ledger where migration_id = ? order by source_table, source_id, object";
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, migrationId);
            List<LedgerEntry> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw failure("list the ledger", e);
        }
    }

    private static LedgerEntry read(ResultSet rs) throws SQLException {
        Timestamp intentAt = rs.getTimestamp(13);
        Timestamp updatedAt = rs.getTimestamp(14);
        return new LedgerEntry(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getLong(9), rs.getString(10),
                json(rs.getString(11)), json(rs.getString(12)), intentAt == null ? null : intentAt.toInstant(),
                updatedAt == null ? null : updatedAt.toInstant(), rs.getString(15));
    }

    static JsonNode json(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Json.mapper().readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException("unreadable JSON in the ledger", e);
        }
    }

    static IllegalStateException failure(String what, SQLException e) {
        return JdbcUpdates.failure(what, e);
    }
}

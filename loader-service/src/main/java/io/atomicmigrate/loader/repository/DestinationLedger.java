package io.atomicmigrate.loader.repository;

import com.fasterxml.jackson.databind.JsonNode;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The destination configuration of a migration: what the setup found or created (pipelines,
 * stages, activity types, fields, options, labels) and the destination.ready it announced.
 */
@ApplicationScoped
public class DestinationLedger {

    /** One destination object. {@code created} false: it existed before, rollback leaves it alone. */
    public record DestinationObject(String kind, String name, String pipedriveId, boolean created, JsonNode detail) {
    }

    /** The set-up destination of a migration. */
    public record Destination(String migrationId, long accountId, int mapVersion, String mapHash, JsonNode mapDocument,
                              JsonNode ready) {
    }

    private final AgroalDataSource db;

    public DestinationLedger(AgroalDataSource db) {
        this.db = db;
    }

    /** Records an object; a second record of the same one keeps the first (and its {@code created} flag). */
    public void record(String migrationId, long accountId, DestinationObject o) {
        String sql = "insert into destination_objects (migration_id, kind, name, pipedrive_id, created, account_id, detail) "
                + "values (?, ?, ?, ?, ?, ?, ?::jsonb) on conflict (migration_id, kind, name) do update set "
                + "pipedrive_id = excluded.pipedrive_id, detail = excluded.detail, "
                + "created = destination_objects.created or excluded.created";
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, migrationId);
            ps.setString(2, o.kind());
            ps.setString(3, o.name());
            ps.setString(4, o.pipedriveId());
            ps.setBoolean(5, o.created());
            ps.setLong(6, accountId);
            ps.setString(7, o.detail() == null ? null : o.detail().toString());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw IdLedger.failure("record destination " + o.kind() + " " + o.name(), e);
        }
    }

    public List<DestinationObject> objects(String migrationId) {
        String sql = "select kind, name, pipedrive_id, created, detail from destination_objects where migration_id = ? "
                + "order by recorded_at, kind, name";
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, migrationId);
            List<DestinationObject> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new DestinationObject(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4),
                            IdLedger.json(rs.getString(5))));
                }
            }
            return out;
        } catch (SQLException e) {
            throw IdLedger.failure("list destination objects", e);
        }
    }

    public void saveDestination(Destination d) {
        String sql = "insert into destinations (migration_id, account_id, map_version, map_hash, map_document, ready) "
                + "values (?, ?, ?, ?, ?::jsonb, ?::jsonb) on conflict (migration_id) do update set "
                + "account_id = excluded.account_id, map_version = excluded.map_version, map_hash = excluded.map_hash, "
                + "map_document = excluded.map_document, ready = excluded.ready, ready_at = now()";
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, d.migrationId());
            ps.setLong(2, d.accountId());
            ps.setInt(3, d.mapVersion());
            ps.setString(4, d.mapHash());
            ps.setString(5, d.mapDocument().toString());
            ps.setString(6, d.ready().toString());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw IdLedger.failure("save the destination of " + d.migrationId(), e);
        }
    }

    public Optional<Destination> destination(String migrationId) {
        String sql = "select account_id, map_version, map_hash, map_document, ready from destinations where migration_id = ?";
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, migrationId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Destination(migrationId, rs.getLong(1), rs.getInt(2), rs.getString(3),
                        IdLedger.json(rs.getString(4)), IdLedger.json(rs.getString(5))));
            }
        } catch (SQLException e) {
            throw IdLedger.failure("read the destination of " + migrationId, e);
        }
    }
}

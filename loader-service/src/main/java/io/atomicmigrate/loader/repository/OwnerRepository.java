package io.atomicmigrate.loader.repository;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Atomic CRM owners (sales rows) of a migration and the Pipedrive user each resolved to. */
@ApplicationScoped
public class OwnerRepository {

    /** {@code pipedriveUserId} null: unresolved. */
    public record Owner(String salesId, String email, String name, Long pipedriveUserId, String resolvedBy) {
        public boolean resolved() {
            return pipedriveUserId != null;
        }
    }

    private final AgroalDataSource db;

    public OwnerRepository(AgroalDataSource db) {
        this.db = db;
    }

    /** Registers a source owner; its resolution is kept unless {@code userId} is given. */
    public void save(String migrationId, String salesId, String email, String name, Long userId, String resolvedBy) {
        String sql = "insert into owners (migration_id, sales_id, email, name, pipedrive_user_id, resolved_by) "
                + "values (?, ?, ?, ?, ?, ?) on conflict (migration_id, sales_id) do update set "
                + "email = coalesce(excluded.email, owners.email), name = coalesce(excluded.name, owners.name), "
                + "pipedrive_user_id = coalesce(excluded.pipedrive_user_id, owners.pipedrive_user_id), "
                + "resolved_by = coalesce(excluded.resolved_by, owners.resolved_by), updated_at = now()";
        JdbcUpdates.update(db, "save owner " + salesId, sql, migrationId, salesId, email, name, userId, resolvedBy);
    }

    /** Sets (or replaces) the resolution of an owner, e.g. an operator's fallback user. */
    public boolean resolve(String migrationId, String salesId, long userId, String resolvedBy) {
        String sql = "update owners set pipedrive_user_id = ?, resolved_by = ?, updated_at = now() "
                + "where migration_id = ? and sales_id = ?";
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, userId);
            ps.setString(2, resolvedBy);
            ps.setString(3, migrationId);
            ps.setString(4, salesId);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw IdLedger.failure("resolve owner " + salesId, e);
        }
    }

    public Optional<Owner> find(String migrationId, String salesId) {
        return all(migrationId, "and sales_id = ?", salesId).stream().findFirst();
    }

    public List<Owner> all(String migrationId) {
        return all(migrationId, "", null);
    }

    private List<Owner> all(String migrationId, String filter, String salesId) {
        String sql = "select sales_id, email, name, pipedrive_user_id, resolved_by from owners where migration_id = ? "
                + filter + " order by sales_id";
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, migrationId);
            if (salesId != null) {
                ps.setString(2, salesId);
            }
            List<Owner> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long user = rs.getLong(4);
                    Long userId = rs.wasNull() ? null : user; // before any other column is read
                    out.add(new Owner(rs.getString(1), rs.getString(2), rs.getString(3), userId, rs.getString(5)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw IdLedger.failure("list owners", e);
        }
    }
}

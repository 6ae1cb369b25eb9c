package io.atomicmigrate.loader.repository;

import com.fasterxml.jackson.databind.JsonNode;
import io.agroal.api.AgroalDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;

/**
 * One short write transaction with its parameters bound in order, so each repository method is
 * its SQL and its values. JSON goes in as text (the SQL casts {@code ?::jsonb}); a Java null, or a
 * JSON null, is an SQL NULL whose type the server takes from the statement.
 */
final class JdbcUpdates {

    private JdbcUpdates() {
    }

    /** Runs the statement; {@code what} completes "could not ..." in the error. Returns the rows changed. */
    static int update(AgroalDataSource db, String what, String sql, Object... params) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                bind(ps, i + 1, params[i]);
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    private static void bind(PreparedStatement ps, int index, Object value) throws SQLException {
        if (value instanceof JsonNode node) {
            if (node.isNull()) {
                ps.setNull(index, Types.VARCHAR);
            } else {
                ps.setString(index, node.toString());
            }
        } else {
            ps.setObject(index, value);
        }
    }

    static IllegalStateException failure(String what, SQLException e) {
        return new IllegalStateException("could not " + what + ": " + e.getMessage(), e);
    }
}

package io.atomicmigrate.extractor.service.source;

import io.atomicmigrate.extractor.config.ExtractorConfig;
import io.atomicmigrate.extractor.service.Secret;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Opens read-only JDBC sessions on a customer database, and turns every way that can fail into a
 * {@link ConnectionProblem} with a specific code: the driver's own messages are never passed on
 * unmasked, and never carry the password.
 */
@ApplicationScoped
public class SourceConnector {

    private final ExtractorConfig config;

    public SourceConnector(ExtractorConfig config) {
        this.config = config;
    }

    /** A JDBC connection, or a {@link SourceProblemException} saying precisely why not. */
    public Connection open(SourceEndpoint source) {
        try {
            Connection c = DriverManager.getConnection(source.jdbcUrl(),
                    source.jdbcProperties(config.source().connectTimeout()));
            try (Statement s = c.createStatement()) {
                s.execute("SET TIME ZONE 'UTC'");
            }
            return c;
        } catch (SQLException e) {
            throw new SourceProblemException(classify(e, source));
        }
    }

    /** The tables of schema {@code public} (whatever the role may read). */
    public static SourceLayout layout(Connection c) throws SQLException {
        Set<String> tables = new HashSet<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                SELECT c.relname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')""")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        return SourceLayout.of(tables);
    }

    static ConnectionProblem classify(SQLException e, SourceEndpoint source) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String message = Secret.mask(e.getMessage() == null ? "" : e.getMessage(), source.password());
        String lower = message.toLowerCase(Locale.ROOT);
        String where = source.host() + ":" + source.port();
        String role = source.effectiveUser();
        Throwable cause = rootCause(e);
        if (state.equals("28P01") || lower.contains("password authentication failed")) {
            return new ConnectionProblem(ConnectionProblem.SOURCE_AUTH_FAILED, "the database at " + where
                    + " rejected the password for role '" + role + "'");
        }
        if (lower.contains("password") && lower.contains("no password was provided")
                || lower.contains("server requested") && lower.contains("password")) {
            return new ConnectionProblem(ConnectionProblem.SOURCE_AUTH_FAILED, "the database at " + where
                    + " asks for a password for role '" + role + "' and none was given");
        }
        if (state.equals("28000") && (lower.contains("no encryption") || lower.contains("ssl off"))) {
            return new ConnectionProblem(ConnectionProblem.SOURCE_TLS_REQUIRED, "the database at " + where
                    + " only accepts TLS connections for role '" + role + "'; set source.sslMode to require");
        }
        if (lower.contains("server does not support ssl")) {
            return new ConnectionProblem(ConnectionProblem.SOURCE_TLS_UNAVAILABLE, "source.sslMode is "
                    + source.effectiveSslMode() + " but the server at " + where + " does not offer TLS");
        }
        if (state.equals("28000")) {
            return new ConnectionProblem(ConnectionProblem.SOURCE_ACCESS_REJECTED, "the database at " + where
                    + " does not let role '" + role + "' connect to database '" + source.database()
                    + "' from this address (pg_hba.conf)");
        }
        if (state.equals("3D000")) {
            return new ConnectionProblem(ConnectionProblem.SOURCE_DATABASE_NOT_FOUND, "there is no database '"
                    + source.database() + "' at " + where);
        }
        if (cause instanceof UnknownHostException) {
            return new ConnectionProblem(ConnectionProblem.SOURCE_UNREACHABLE, "host '" + source.host()
                    + "' is unknown (DNS)");
        }
        if (cause instanceof ConnectException || cause instanceof NoRouteToHostException) {
            return new ConnectionProblem(ConnectionProblem.SOURCE_UNREACHABLE, "nothing accepts connections at "
                    + where + " (refused or no route); check host, port and firewall");
        }
        if (cause instanceof SocketTimeoutException || lower.contains("timed out") || lower.contains("timeout")) {
            return new ConnectionProblem(ConnectionProblem.SOURCE_UNREACHABLE, "connecting to " + where
                    + " timed out; check host, port and firewall");
        }
        if (state.startsWith("08")) {
            return new ConnectionProblem(ConnectionProblem.SOURCE_UNREACHABLE, "cannot connect to " + where
                    + ": " + message);
        }
        return new ConnectionProblem(ConnectionProblem.SOURCE_CONNECTION_FAILED, "cannot connect to " + where
                + " (SQLSTATE " + state + "): " + message);
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    /** A source that cannot be used, with the reason. */
    public static final class SourceProblemException extends RuntimeException {
        private final transient ConnectionProblem problem;

        public SourceProblemException(ConnectionProblem problem) {
            super(problem.code() + ": " + problem.message());
            this.problem = problem;
        }

        public ConnectionProblem problem() {
            return problem;
        }
    }
}

package io.atomicmigrate.extractor.service.source;

import io.atomicmigrate.extractor.client.PipedriveTokenCheck;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The checks that run before anything else: can we log in, is this an Atomic CRM, can the role
 * read every CRM table, and would it read all rows (RLS), and does Pipedrive accept the token.
 * Blocking (JDBC and a blocking REST call): run it on a worker thread.
 */
@ApplicationScoped
public class ConnectionChecker {

    /** Postgres raises this, instead of filtering, when {@code row_security = off} and RLS would apply. */
    private static final String INSUFFICIENT_PRIVILEGE = "42501";

    private final SourceConnector connector;
    private final PipedriveTokenCheck pipedrive;

    public ConnectionChecker(SourceConnector connector, PipedriveTokenCheck pipedrive) {
        this.connector = connector;
        this.pipedrive = pipedrive;
    }

    /** Every problem found (the source stops at its first one) and the warnings. */
    public CheckReport check(SourceEndpoint source, DestinationEndpoint destination) {
        List<ConnectionProblem> problems = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        ConnectionProblem sourceProblem = checkSource(source);
        if (sourceProblem != null) {
            problems.add(sourceProblem);
        }
        if (destination == null) {
            warnings.add("no destination given; Pipedrive was not checked");
        } else if (destination.apiToken() == null || destination.apiToken().isBlank()) {
            warnings.add("no Pipedrive API token given; the token was not checked");
        } else {
            ConnectionProblem p = pipedrive.check(destination);
            if (p != null) {
                problems.add(p);
            }
        }
        return new CheckReport(problems.isEmpty(), problems, warnings);
    }

    /** The first problem of the source, or null when it is fit to be read. */
    public ConnectionProblem checkSource(SourceEndpoint source) {
        try (Connection c = connector.open(source)) {
            return checkOpenSource(c);
        } catch (SourceConnector.SourceProblemException e) {
            return e.problem();
        } catch (SQLException e) {
            return SourceConnector.classify(e, source);
        }
    }

    /** The same checks on a session that is already open. */
    public static ConnectionProblem checkOpenSource(Connection c) throws SQLException {
        SourceLayout layout = SourceConnector.layout(c);
        List<String> missing = layout.missingRequired();
        if (!missing.isEmpty()) {
            return new ConnectionProblem(ConnectionProblem.SOURCE_NOT_ATOMIC_CRM, "database '" + c.getCatalog()
                    + "' is not an Atomic CRM: schema public has no " + String.join(", ", missing) + " table"
                    + (missing.size() > 1 ? "s" : "") + " (or the role cannot see them)");
        }
        String role = currentUser(c);
        List<String> unreadable = new ArrayList<>();
        for (String table : layout.readableCrmTables()) {
            try (PreparedStatement ps = c.prepareStatement("SELECT has_table_privilege(?, 'SELECT')")) {
                ps.setString(1, layout.qualified(table));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (!rs.getBoolean(1)) {
                        unreadable.add(layout.physical(table));
                    }
                }
            }
        }
        if (!unreadable.isEmpty()) {
            return new ConnectionProblem(ConnectionProblem.SOURCE_TABLE_NOT_READABLE, "role '" + role
                    + "' cannot read " + String.join(", ", unreadable) + "; GRANT SELECT ON "
                    + String.join(", ", unreadable.stream().map(t -> "public." + SourceLayout.quote(t)).toList())
                    + " TO " + SourceLayout.quote(role));
        }
        List<String> hidden = rlsHiddenTables(c, layout);
        if (!hidden.isEmpty()) {
            return new ConnectionProblem(ConnectionProblem.SOURCE_RLS_HIDES_ROWS, "row level security is enabled on "
                    + String.join(", ", hidden) + " and role '" + role + "' does not bypass it, so it would read 0 rows"
                    + " without any error; connect as postgres or service_role, or ALTER ROLE "
                    + SourceLayout.quote(role) + " BYPASSRLS");
        }
        return null;
    }

    /**
     * Tables whose rows RLS would filter for this role. With {@code row_security = off} Postgres
     * raises an error instead of filtering whenever a policy would apply, which is exact whatever
     * makes the role exempt (owner, superuser, BYPASSRLS) or not.
     */
    static List<String> rlsHiddenTables(Connection c, SourceLayout layout) throws SQLException {
        List<String> hidden = new ArrayList<>();
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            for (String table : layout.readableCrmTables()) {
                try (Statement s = c.createStatement()) {
                    s.execute("SAVEPOINT rls_probe");
                    s.execute("SET LOCAL row_security = off");
                    s.executeQuery("SELECT 1 FROM " + layout.qualified(table) + " LIMIT 1").close();
                    s.execute("RELEASE SAVEPOINT rls_probe");
                } catch (SQLException e) {
                    if (!INSUFFICIENT_PRIVILEGE.equals(e.getSQLState())) {
                        throw e;
                    }
                    hidden.add(layout.physical(table));
                    try (Statement s = c.createStatement()) {
                        s.execute("ROLLBACK TO SAVEPOINT rls_probe");
                    }
                }
            }
        } finally {
            c.rollback();
            c.setAutoCommit(autoCommit);
        }
        return hidden;
    }

    private static String currentUser(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT current_user")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** The outcome of all checks. */
    public record CheckReport(boolean ok, List<ConnectionProblem> problems, List<String> warnings) {
    }
}

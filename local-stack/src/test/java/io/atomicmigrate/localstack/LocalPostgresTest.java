package io.atomicmigrate.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LocalPostgresTest {

    private final LocalPostgres postgres = LocalPostgres.shared();

    @Test
    void aRowRoundTripsThroughTheServer() throws SQLException {
        String db = postgres.createDatabase("ls_round_trip");
        try (Connection c = postgres.connect(db)) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE contacts (id bigint PRIMARY KEY, first_name text, email jsonb)");
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO contacts VALUES (?, ?, ?::jsonb)")) {
                insert.setLong(1, 42);
                insert.setString(2, "Zoë");
                insert.setString(3, "[{\"email\":\"zoe@example.com\",\"type\":\"Work\"}]");
                insert.executeUpdate();
            }
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT first_name, email->0->>'email' FROM contacts WHERE id = 42")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("Zoë");
                assertThat(rs.getString(2)).isEqualTo("zoe@example.com");
            }
        }
    }

    @Test
    void createDatabaseGivesAnIsolatedEmptyDatabase() throws SQLException {
        String a = postgres.createDatabase("ls_customer_a");
        String b = postgres.createDatabase("ls_customer_b");
        execute(a, "CREATE TABLE companies (id int)");

        assertThat(tableExists(a, "companies")).isTrue();
        assertThat(tableExists(b, "companies")).as("visible in another database").isFalse();

        // creating it again starts over: a rerun test never sees the previous run's rows
        postgres.createDatabase(a);
        assertThat(tableExists(a, "companies")).isFalse();
    }

    @Test
    void ensureDatabaseKeepsAnExistingDatabase() throws SQLException {
        String db = postgres.createDatabase("ls_kept");
        execute(db, "CREATE TABLE kept (id int)");
        assertThat(postgres.ensureDatabase(db)).isEqualTo(db);
        assertThat(tableExists(db, "kept")).isTrue();
    }

    @Test
    void unsafeDatabaseNamesAreRefused() {
        assertThatThrownBy(() -> postgres.createDatabase("x; DROP DATABASE postgres"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anExternalUrlIsParsed() {
        LocalPostgres external = LocalPostgres.external("postgresql://alice:s%40cret@db.example.com:6543/crm");
        assertThat(external.isEmbedded()).isFalse();
        assertThat(external.host()).isEqualTo("db.example.com");
        assertThat(external.port()).isEqualTo(6543);
        assertThat(external.user()).isEqualTo("alice");
        assertThat(external.password()).isEqualTo("s@cret");
        assertThat(external.jdbcUrl("crm")).isEqualTo("jdbc:postgresql://db.example.com:6543/crm");
        assertThat(external.reactiveUrl("control")).isEqualTo("postgresql://db.example.com:6543/control");

        LocalPostgres supabaseStyle = LocalPostgres.external("postgres://postgres:pw@db.abc.supabase.co/postgres");
        assertThat(supabaseStyle.port()).isEqualTo(5432);
        assertThat(supabaseStyle.user()).isEqualTo("postgres");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "postgresql://alice:hunter2@db example.com:5432/crm",   // space in the host
            "postgresql://alice:hunter2@/crm",                      // no host
            "postgresql://alice:hunter2@db.example.com:port/crm",   // port is not a number
            "postgresql://alice:hunter2@db.example.com:5432/crm#x y"})
    void anInvalidUrlIsRejectedWithoutRevealingThePassword(String url) {
        assertThatThrownBy(() -> LocalPostgres.external(url))
                .isInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> assertThat(stackTrace(e)).doesNotContain("hunter2"));
    }

    private void execute(String db, String sql) throws SQLException {
        try (Connection c = postgres.connect(db); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private boolean tableExists(String db, String table) throws SQLException {
        try (Connection c = postgres.connect(db);
             PreparedStatement q = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            q.setString(1, table);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /** Messages of the exception and all its causes: what a log line would show. */
    private static String stackTrace(Throwable e) {
        StringWriter out = new StringWriter();
        e.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}

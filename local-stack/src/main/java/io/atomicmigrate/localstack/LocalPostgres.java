package io.atomicmigrate.localstack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * A real PostgreSQL server for tests and the local demo: the embedded binaries from
 * Maven (zonky, no Docker) or, when {@value #EXTERNAL_URL_ENV} is set, an existing
 * server such as a CI database or a real Supabase project.
 *
 * <p>One instance serves many databases: the control database of the services and one
 * Atomic CRM source database per simulated customer, each created with {@link #createDatabase}.
 */
public final class LocalPostgres implements AutoCloseable {

    /** {@code postgresql://user:password@host:port/database}; when set, nothing is started. */
    public static final String EXTERNAL_URL_ENV = "LOCAL_STACK_POSTGRES_URL";

    /**
     * Set while this JVM runs an embedded server: Quarkus may load this class in several class
     * loaders of one test JVM, and they all attach to the first server through it (see
     * {@link LocalKafka}). It holds no secret: the embedded server trusts local connections.
     */
    static final String JVM_URL_PROPERTY = "io.atomicmigrate.localstack.postgres.url";

    private static final Logger LOG = Logger.getLogger(LocalPostgres.class);
    private static final String DUPLICATE_DATABASE = "42P04";
    private static final Driver DRIVER = new org.postgresql.Driver();
    private static final Pattern SAFE_DB_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static volatile LocalPostgres shared;

    private final EmbeddedPostgres embedded;
    private final String host;
    private final int port;
    private final String user;
    private final String password;
    private final String adminDatabase;

    private LocalPostgres(EmbeddedPostgres embedded, String host, int port, String user, String password,
                          String adminDatabase) {
        this.embedded = embedded;
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
        this.adminDatabase = adminDatabase;
    }

    /** The one server of this JVM, started on first use and stopped when the JVM exits. */
    public static LocalPostgres shared() {
        LocalPostgres current = shared;
        if (current == null) {
            synchronized (LocalPostgres.class) {
                current = shared;
                if (current == null) {
                    String running = System.getProperty(JVM_URL_PROPERTY);
                    if (running != null) {
                        current = external(running); // started by another class loader of this JVM
                    } else {
                        current = start();
                        if (current.isEmbedded()) {
                            System.setProperty(JVM_URL_PROPERTY, current.passwordlessUrl());
                        }
                        Runtime.getRuntime().addShutdownHook(new Thread(current::close, "local-postgres-stop"));
                    }
                    shared = current;
                }
            }
        }
        return current;
    }

    /** Starts a new embedded server on a free port, or connects to {@value #EXTERNAL_URL_ENV}. */
    public static LocalPostgres start() {
        String external = System.getenv(EXTERNAL_URL_ENV);
        if (external != null && !external.isBlank()) {
            return external(external);
        }
        long began = System.nanoTime();
        try {
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    // the default 10 s is too short for initdb on a busy 2-core machine
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off")
                    .start();
            LOG.infof("Postgres (embedded) ready at localhost:%d in %d ms", pg.getPort(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began));
            return new LocalPostgres(pg, "localhost", pg.getPort(), "postgres", "", "postgres");
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded Postgres", e);
        }
    }

    static LocalPostgres external(String url) {
        URI uri;
        try {
            uri = URI.create(url.replaceFirst("^postgres(ql)?://", "postgresql://"));
        } catch (IllegalArgumentException e) {
            // never echo the URL: it carries the password
            throw new IllegalArgumentException(EXTERNAL_URL_ENV
                    + " is not a valid URL; expected postgresql://user:password@host:port/database");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException(EXTERNAL_URL_ENV + " has no host; expected postgresql://user:password@host:port/database");
        }
        String userInfo = Objects.requireNonNullElse(uri.getUserInfo(), "postgres");
        int colon = userInfo.indexOf(':');
        String u = colon < 0 ? userInfo : userInfo.substring(0, colon);
        String p = colon < 0 ? "" : userInfo.substring(colon + 1);
        String db = uri.getPath() == null || uri.getPath().length() <= 1 ? "postgres" : uri.getPath().substring(1);
        return new LocalPostgres(null, uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(), u, p, db);
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** A superuser (or the external URL's user): able to create databases and roles. */
    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    public boolean isEmbedded() {
        return embedded != null;
    }

    /** JDBC URL of a database on this server. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    /** Vert.x / Quarkus reactive URL of a database on this server ({@code postgresql://host:port/db}). */
    public String reactiveUrl(String database) {
        return "postgresql://" + host + ":" + port + "/" + database;
    }

    /**
     * Opens a JDBC connection to a database of this server as the admin user.
     *
     * <p>Through the driver class directly, not {@link java.sql.DriverManager}: in a Quarkus
     * test the driver is often first registered from Quarkus's class loader, and
     * DriverManager then refuses it to callers from the test's own class loader
     * ("No suitable driver found").
     */
    public Connection connect(String database) throws SQLException {
        Properties credentials = new Properties();
        credentials.setProperty("user", user);
        credentials.setProperty("password", password);
        Connection connection = DRIVER.connect(jdbcUrl(database), credentials);
        if (connection == null) {
            throw new SQLException("the PostgreSQL driver does not accept " + jdbcUrl(database));
        }
        return connection;
    }

    /**
     * Creates an empty database (dropping one of the same name first), so each test or
     * demo customer gets a clean, isolated database on the shared server.
     */
    public String createDatabase(String name) {
        if (!SAFE_DB_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("database name must match " + SAFE_DB_NAME.pattern() + ": " + name);
        }
        try (Connection c = connect(adminDatabase); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + name);
            return name;
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + name + ": " + e.getMessage(), e);
        }
    }

    /** Creates the database only if it does not exist yet; returns its name. */
    public String ensureDatabase(String name) {
        if (!SAFE_DB_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("database name must match " + SAFE_DB_NAME.pattern() + ": " + name);
        }
        try (Connection c = connect(adminDatabase); Statement s = c.createStatement()) {
            boolean exists;
            try (var rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'")) {
                exists = rs.next();
            }
            if (!exists) {
                s.execute("CREATE DATABASE " + name);
            }
            return name;
        } catch (SQLException e) {
            if (DUPLICATE_DATABASE.equals(e.getSQLState())) {
                return name; // another test JVM or thread created it between our check and CREATE
            }
            throw new IllegalStateException("could not create database " + name + ": " + e.getMessage(), e);
        }
    }

    private String passwordlessUrl() {
        return "postgresql://" + user + "@" + host + ":" + port + "/" + adminDatabase;
    }

    @Override
    public void close() {
        if (embedded != null) {
            if (passwordlessUrl().equals(System.getProperty(JVM_URL_PROPERTY))) {
                System.clearProperty(JVM_URL_PROPERTY);
            }
            try {
                embedded.close();
            } catch (IOException e) {
                // the JVM is going away; nothing useful to do
            }
        }
    }
}

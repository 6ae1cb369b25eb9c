package io.atomicmigrate.extractor.service.source;

import io.atomicmigrate.extractor.service.Secret;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.SslMode;
import java.time.Duration;
import java.util.Properties;

/**
 * How to reach one customer's Postgres. Both drivers are configured from here: JDBC for the
 * handful of catalog queries of checks and discovery, the Vert.x client for streaming.
 */
public record SourceEndpoint(String host, int port, String database, String user, Secret password, String sslMode) {

    public static final String APPLICATION_NAME = "atomic-migrate-extractor";

    public String effectiveUser() {
        return user == null || user.isBlank() ? "postgres" : user;
    }

    public String effectiveSslMode() {
        return sslMode == null || sslMode.isBlank() ? "prefer" : sslMode;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    public Properties jdbcProperties(Duration connectTimeout) {
        Properties p = new Properties();
        p.setProperty("user", effectiveUser());
        if (Secret.present(password)) {
            p.setProperty("password", password.reveal());
        }
        p.setProperty("sslmode", effectiveSslMode());
        p.setProperty("connectTimeout", Long.toString(Math.max(1, connectTimeout.toSeconds())));
        p.setProperty("socketTimeout", "600");
        p.setProperty("ApplicationName", APPLICATION_NAME);
        // a read-only session on the server side too: the source is never written (DESIGN §8)
        p.setProperty("readOnly", "true");
        p.setProperty("readOnlyMode", "always");
        return p;
    }

    public PgConnectOptions pgConnectOptions(Duration connectTimeout) {
        PgConnectOptions o = new PgConnectOptions().setHost(host).setPort(port).setDatabase(database)
                .setUser(effectiveUser())
                .setConnectTimeout((int) connectTimeout.toMillis())
                .setPipeliningLimit(1)
                .setSslMode(SslMode.of(effectiveSslMode()))
                .addProperty("application_name", APPLICATION_NAME)
                .addProperty("default_transaction_read_only", "on")
                .addProperty("TimeZone", "UTC");
        if (Secret.present(password)) {
            o.setPassword(password.reveal());
        }
        if (o.getSslMode() != SslMode.DISABLE) {
            // Supabase's pooler certificates are not in the JVM trust store; verify-ca / verify-full are
            // the modes that ask for verification, as with libpq.
            o.setTrustAll(o.getSslMode() == SslMode.ALLOW || o.getSslMode() == SslMode.PREFER
                    || o.getSslMode() == SslMode.REQUIRE);
        }
        return o;
    }

    @Override
    public String toString() {
        return "SourceEndpoint[" + effectiveUser() + "@" + host + ":" + port + "/" + database + "]";
    }
}

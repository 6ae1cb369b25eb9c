package io.atomicmigrate.localstack;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Everything the services need from the outside world, on one machine: the real Kafka broker
 * with the platform's topics, and the real Postgres server with the {@value #CONTROL_DATABASE}
 * database the services keep their state in (DESIGN §4, §9).
 */
public final class LocalStack {

    /** The database that holds one schema per service. */
    public static final String CONTROL_DATABASE = "control";

    private static volatile LocalStack shared;

    private final LocalKafka kafka;
    private final LocalPostgres postgres;

    private LocalStack(LocalKafka kafka, LocalPostgres postgres) {
        this.kafka = kafka;
        this.postgres = postgres;
    }

    /**
     * The stack of this JVM: {@link LocalKafka#shared()} with every topic created and
     * {@link LocalPostgres#shared()} with the control database. Both are stopped when the JVM exits.
     */
    public static LocalStack shared() {
        LocalStack current = shared;
        if (current == null) {
            synchronized (LocalStack.class) {
                current = shared;
                if (current == null) {
                    current = startBoth();
                    current.postgres.ensureDatabase(CONTROL_DATABASE);
                    shared = current;
                }
            }
        }
        return current;
    }

    /** Postgres starts in the background while Kafka starts here: together they take the longer of the two. */
    private static LocalStack startBoth() {
        // A thread of our own rather than the common pool: it inherits the caller's context class loader.
        CompletableFuture<LocalPostgres> postgres = CompletableFuture.supplyAsync(LocalPostgres::shared,
                task -> new Thread(task, "local-postgres-start").start());
        LocalKafka kafka = LocalKafka.shared();
        try {
            return new LocalStack(kafka, postgres.join());
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    public LocalKafka kafka() {
        return kafka;
    }

    public LocalPostgres postgres() {
        return postgres;
    }

    /**
     * The configuration a Quarkus service needs to run against this stack: Kafka for both the
     * Kafka client and the SmallRye connector, the control database for the reactive and JDBC
     * (Flyway) datasources, and Dev Services off (they need Docker, DESIGN §9).
     */
    public Map<String, String> quarkusConfig() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        config.put("mp.messaging.connector.smallrye-kafka.bootstrap.servers", kafka.bootstrapServers());
        config.put("quarkus.datasource.reactive.url", postgres.reactiveUrl(CONTROL_DATABASE));
        config.put("quarkus.datasource.jdbc.url", postgres.jdbcUrl(CONTROL_DATABASE));
        config.put("quarkus.datasource.username", postgres.user());
        config.put("quarkus.datasource.password", postgres.password());
        config.put("quarkus.devservices.enabled", "false");
        config.put("quarkus.kafka.devservices.enabled", "false");
        config.put("quarkus.datasource.devservices.enabled", "false");
        return config;
    }
}

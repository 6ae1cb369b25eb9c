package io.atomicmigrate.localstack;

import io.atomicmigrate.common.topics.Topic;
import io.atomicmigrate.common.topics.Topics;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the local stack until Ctrl-C: a real Kafka broker with the platform's topics and a
 * real Postgres server with the control database, then prints where they are so services
 * (or a person with {@code psql} and the Kafka CLI) can connect.
 *
 * <p>{@value LocalKafka#EXTERNAL_BOOTSTRAP_ENV} and {@value LocalPostgres#EXTERNAL_URL_ENV}
 * use existing servers instead; then only the topics and the database are created.
 */
public final class LocalStackMain {

    private LocalStackMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        logToConsole();
        long began = System.nanoTime();
        LocalStack stack = LocalStack.shared();
        long millis = (System.nanoTime() - began) / 1_000_000;

        LocalPostgres pg = stack.postgres();
        System.out.println();
        System.out.println("Local stack ready in " + millis + " ms");
        System.out.println("  Kafka bootstrap servers : " + stack.kafka().bootstrapServers()
                + (stack.kafka().isEmbedded() ? " (embedded, KRaft)" : " (external)"));
        for (Topic t : Topics.ALL) {
            System.out.printf("    topic %-28s %2d partitions, cleanup.policy=%s%n", t.name(), t.partitions(), t.cleanupPolicy());
        }
        System.out.println("  Postgres control DB     : " + pg.jdbcUrl(LocalStack.CONTROL_DATABASE)
                + " (user " + pg.user() + (pg.isEmbedded() ? ", embedded, no password)" : ", external)"));
        System.out.println("  Quarkus configuration   :");
        // The password is never printed: an external server's would be a real secret.
        stack.quarkusConfig().forEach((key, value) -> {
            if (!key.endsWith("password")) {
                System.out.println("    " + key + "=" + value);
            }
        });
        System.out.println("Press Ctrl-C to stop (the broker's and the database's files are deleted).");

        // The shutdown hooks of LocalKafka and LocalPostgres stop both servers on Ctrl-C.
        new CountDownLatch(1).await();
    }

    /**
     * jboss-logging and the broker's SLF4J logging end up in JBoss LogManager, which prints
     * to the console by default, but only when it is the JVM's log manager: that has to be
     * decided before anything logs.
     */
    private static void logToConsole() {
        if (System.getProperty("java.util.logging.manager") == null) {
            System.setProperty("java.util.logging.manager", "org.jboss.logmanager.LogManager");
        }
    }
}

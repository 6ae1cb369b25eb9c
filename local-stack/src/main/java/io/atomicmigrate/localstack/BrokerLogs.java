package io.atomicmigrate.localstack;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps the embedded broker from drowning the logs a test author wants to read: its own INFO
 * logging is several hundred lines per start. Its warnings and errors still show, and client
 * loggers ({@code org.apache.kafka.clients}) are left alone. The system property
 * {@value #VERBOSE_PROPERTY}{@code =true} keeps everything.
 */
final class BrokerLogs {

    static final String VERBOSE_PROPERTY = "local-stack.kafka.verbose";

    private static final List<String> BROKER_CATEGORIES = List.of("kafka", "state.change.logger",
            "org.apache.kafka.controller", "org.apache.kafka.raft", "org.apache.kafka.metadata",
            "org.apache.kafka.image", "org.apache.kafka.server", "org.apache.kafka.storage",
            "org.apache.kafka.coordinator", "org.apache.kafka.queue", "org.apache.kafka.snapshot",
            "org.apache.kafka.network", "org.apache.kafka.security");

    /** Shared by clients and the broker; every Kafka component prints its whole configuration there. */
    private static final String CONFIG_CATEGORY = "org.apache.kafka.common.config.AbstractConfig";

    // Held strongly: java.util.logging forgets the level of a logger nobody references.
    private static final List<Logger> QUIETED = new ArrayList<>();

    private BrokerLogs() {
    }

    static synchronized void quietBrokerCategories() {
        if (verbose() || !QUIETED.isEmpty()) {
            return;
        }
        for (String category : BROKER_CATEGORIES) {
            Logger logger = logger(category);
            logger.setLevel(Level.WARNING);
            QUIETED.add(logger);
        }
    }

    /**
     * Runs the broker's startup with configuration dumps turned off: it prints its 300-line
     * configuration three times, and no client is running yet whose configuration could be missed.
     */
    static void withoutConfigDumps(Runnable startup) {
        Logger configLog = logger(CONFIG_CATEGORY);
        Level before = configLog.getLevel();
        if (!verbose()) {
            configLog.setLevel(Level.WARNING);
        }
        try {
            startup.run();
        } finally {
            configLog.setLevel(before);
        }
    }

    private static boolean verbose() {
        return Boolean.getBoolean(VERBOSE_PROPERTY);
    }

    /**
     * Quarkus (and this module's tests) log through JBoss LogManager, which SLF4J reaches
     * directly, not through {@link java.util.logging.LogManager} unless it was installed
     * before the JVM's first log call. Its loggers are java.util.logging loggers, so they are
     * looked up there when present, and in plain java.util.logging otherwise.
     */
    private static Logger logger(String category) {
        try {
            return (Logger) Class.forName("org.jboss.logmanager.Logger", true, BrokerLogs.class.getClassLoader())
                    .getMethod("getLogger", String.class).invoke(null, category);
        } catch (ReflectiveOperationException | LinkageError | ClassCastException e) {
            return Logger.getLogger(category);
        }
    }
}

package io.atomicmigrate.localstack;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.AppInfoParser;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.jboss.logging.Logger;

/**
 * The Kafka server process, inside this JVM: one node that is both the KRaft controller (a
 * quorum of one) and the broker, on free loopback ports, with its logs in a temporary
 * directory that is deleted when it stops. What {@code kafka-storage.sh format} followed by
 * {@code kafka-server-start.sh} would do, without a shell or a second JVM.
 */
final class EmbeddedBroker implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EmbeddedBroker.class);
    private static final String HOST = "127.0.0.1"; // not "localhost": avoids ::1 vs 127.0.0.1 mismatches
    private static final int START_ATTEMPTS = 3;

    private final KafkaRaftServer server;
    private final Path dataDir;
    private final String bootstrapServers;

    private EmbeddedBroker(KafkaRaftServer server, Path dataDir, String bootstrapServers) {
        this.server = server;
        this.dataDir = dataDir;
        this.bootstrapServers = bootstrapServers;
    }

    static EmbeddedBroker start() {
        RuntimeException last = null;
        // Free ports are picked before the broker binds them, so another process may take one
        // in between; a fresh pair of ports on the next attempt is the cure.
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            try {
                return withKafkaClassLoader(EmbeddedBroker::startOnce);
            } catch (RuntimeException e) {
                last = e;
                LOG.warnf("Kafka broker failed to start (attempt %d of %d): %s", attempt, START_ATTEMPTS, e.getMessage());
            }
        }
        throw last;
    }

    private static EmbeddedBroker startOnce() {
        long began = System.nanoTime();
        Path dir = createTempDir();
        KafkaRaftServer server = null;
        try {
            int brokerPort = freePort();
            int controllerPort = freePort();
            KafkaConfig config = KafkaConfig.fromProps(properties(dir, brokerPort, controllerPort), false);
            format(config, dir);
            BrokerLogs.quietBrokerCategories();
            server = new KafkaRaftServer(config, Time.SYSTEM);
            // Returns once the broker has caught up with the metadata log and is unfenced,
            // i.e. ready for clients.
            BrokerLogs.withoutConfigDumps(server::startup);
            String bootstrap = HOST + ":" + brokerPort;
            LOG.infof("Kafka %s broker (KRaft, one node) ready at %s in %d ms", AppInfoParser.getVersion(),
                    bootstrap, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began));
            return new EmbeddedBroker(server, dir, bootstrap);
        } catch (RuntimeException e) {
            stop(server);
            deleteRecursively(dir);
            throw e;
        }
    }

    private static Properties properties(Path dir, int brokerPort, int controllerPort) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@" + HOST + ":" + controllerPort);
        p.put("listeners", "PLAINTEXT://" + HOST + ":" + brokerPort + ",CONTROLLER://" + HOST + ":" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + brokerPort);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", dir.toString());

        // As in production (DESIGN §3): a typo in a topic name fails instead of creating a topic.
        p.put("auto.create.topics.enable", "false");

        // One replica of everything, including the internal topics, or they could never be created.
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        p.put("offsets.topic.replication.factor", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        // Fewer internal partitions: the first consumer group creates __consumer_offsets, and 50
        // partitions take seconds on a small machine for no benefit here.
        p.put("offsets.topic.num.partitions", "5");
        p.put("transaction.state.log.num.partitions", "5");
        p.put("share.coordinator.state.topic.num.partitions", "5");
        // Tests start consumers one after another; waiting 3 s for more members only slows them.
        p.put("group.initial.rebalance.delay.ms", "0");

        // Sized for a 2-core laptop or CI runner, not for throughput.
        p.put("num.network.threads", "2");
        p.put("num.io.threads", "2");
        p.put("background.threads", "2");
        p.put("group.coordinator.threads", "1");
        p.put("num.recovery.threads.per.data.dir", "1");
        p.put("log.cleaner.threads", "1");
        p.put("log.cleaner.dedupe.buffer.size", String.valueOf(8 * 1024 * 1024)); // default allocates 128 MB of heap
        p.put("log.index.size.max.bytes", String.valueOf(1024 * 1024));            // default maps 10 MB per index
        return p;
    }

    /** What {@code kafka-storage.sh format} does: writes the cluster id and the bootstrap metadata. */
    private static void format(KafkaConfig config, Path dir) {
        try {
            new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setNodeId(config.nodeId())
                    .setClusterId(Uuid.randomUuid().toString())
                    .setControllerListenerName("CONTROLLER")
                    .setMetadataLogDirectory(config.metadataLogDir())
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .addDirectory(dir.toString())
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("could not format the Kafka log directory " + dir + ": " + e.getMessage(), e);
        }
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    Path dataDir() {
        return dataDir;
    }

    /** Stops the server and deletes its log directory. */
    @Override
    public synchronized void close() {
        long began = System.nanoTime();
        stop(server);
        deleteRecursively(dataDir);
        LOG.infof("Kafka broker at %s stopped in %d ms", bootstrapServers,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began));
    }

    private static void stop(KafkaRaftServer server) {
        if (server == null) {
            return;
        }
        try {
            server.shutdown();
            server.awaitShutdown();
        } catch (RuntimeException | LinkageError e) {
            // LinkageError: in a shutdown hook the class loader that started us may be closed
            // already; the log directory is still deleted afterwards.
            LOG.warnf("Kafka broker did not stop cleanly: %s", e);
        }
    }

    /**
     * Kafka loads plugin classes (principal builders, metrics reporters, ...) through the
     * thread's context class loader, and its threads inherit it. In a Quarkus test that loader
     * may not be the one that loaded Kafka itself, so Kafka's own is made current meanwhile.
     */
    static <T> T withKafkaClassLoader(Supplier<T> action) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(KafkaRaftServer.class.getClassLoader());
        try {
            return action.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on the loopback interface", e);
        }
    }

    private static Path createTempDir() {
        try {
            return Files.createTempDirectory("local-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException("could not create a temporary Kafka log directory", e);
        }
    }

    private static void deleteRecursively(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            LOG.warnf("could not delete %s: %s", dir, e.getMessage());
        }
    }
}

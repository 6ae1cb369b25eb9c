package io.atomicmigrate.localstack;

import io.atomicmigrate.common.topics.Topic;
import io.atomicmigrate.common.topics.Topics;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.AppInfoParser;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.jboss.logging.Logger;

/**
 * A real Apache Kafka broker for tests and the local demo: one node in KRaft mode (broker
 * and controller in the same process), started inside this JVM from the Kafka jars, serving
 * plain TCP on a free loopback port. Clients see exactly what they would see in production,
 * including that topics are never auto-created (DESIGN §3).
 *
 * <p>When {@value #EXTERNAL_BOOTSTRAP_ENV} is set, nothing is started: the platform's topics
 * are created on that broker instead.
 */
public final class LocalKafka implements AutoCloseable {

    /** {@code host:port[,host:port]} of an existing broker; when set, nothing is started. */
    public static final String EXTERNAL_BOOTSTRAP_ENV = "LOCAL_STACK_KAFKA_BOOTSTRAP";

    /**
     * Set while this JVM runs a broker. Quarkus may load this class in more than one class
     * loader of the same test JVM (one per application restart); a system property is the one
     * place they all share, so later loaders attach to the running broker instead of starting
     * a second one.
     */
    static final String JVM_BOOTSTRAP_PROPERTY = "io.atomicmigrate.localstack.kafka.bootstrap";

    private static final Logger LOG = Logger.getLogger(LocalKafka.class);
    private static final String HOST = "127.0.0.1"; // not "localhost": avoids ::1 vs 127.0.0.1 mismatches
    private static final int START_ATTEMPTS = 3;
    private static volatile LocalKafka shared;
    // Held strongly: java.util.logging forgets the level of a logger nobody references.
    private static final List<java.util.logging.Logger> QUIETED = new ArrayList<>();

    private final KafkaRaftServer server;
    private final Path dataDir;
    private final String bootstrapServers;

    private LocalKafka(KafkaRaftServer server, Path dataDir, String bootstrapServers) {
        this.server = server;
        this.dataDir = dataDir;
        this.bootstrapServers = bootstrapServers;
    }

    /**
     * The one broker of this JVM, started on first use with every topic of {@link Topics#ALL}
     * created, and stopped when the JVM exits.
     */
    public static LocalKafka shared() {
        LocalKafka current = shared;
        if (current == null) {
            synchronized (LocalKafka.class) {
                current = shared;
                if (current == null) {
                    String running = System.getProperty(JVM_BOOTSTRAP_PROPERTY);
                    if (running != null) {
                        current = external(running); // started by another class loader of this JVM
                    } else {
                        current = start();
                        System.setProperty(JVM_BOOTSTRAP_PROPERTY, current.bootstrapServers());
                        Runtime.getRuntime().addShutdownHook(new Thread(current::close, "local-kafka-stop"));
                    }
                    current.createTopics(Topics.ALL);
                    shared = current;
                }
            }
        }
        return current;
    }

    /**
     * Starts a new broker on free ports with its own temporary log directory, or attaches to
     * {@value #EXTERNAL_BOOTSTRAP_ENV}. Creates no topics: see {@link #createTopics}.
     */
    public static LocalKafka start() {
        String external = System.getenv(EXTERNAL_BOOTSTRAP_ENV);
        if (external != null && !external.isBlank()) {
            return external(external.trim());
        }
        RuntimeException last = null;
        // Free ports are picked before the broker binds them, so another process may take one
        // in between; a fresh pair of ports on the next attempt is the cure.
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            try {
                return withKafkaClassLoader(LocalKafka::startEmbedded);
            } catch (RuntimeException e) {
                last = e;
                LOG.warnf("Kafka broker failed to start (attempt %d of %d): %s", attempt, START_ATTEMPTS, e.getMessage());
            }
        }
        throw last;
    }

    static LocalKafka external(String bootstrapServers) {
        return new LocalKafka(null, null, bootstrapServers);
    }

    private static LocalKafka startEmbedded() {
        long began = System.nanoTime();
        Path dir = createTempDir();
        KafkaRaftServer server = null;
        try {
            int brokerPort = freePort();
            int controllerPort = freePort();
            KafkaConfig config = KafkaConfig.fromProps(brokerProperties(dir, brokerPort, controllerPort), false);
            format(config, dir);
            quietBrokerLogs();
            server = new KafkaRaftServer(config, Time.SYSTEM);
            startQuietly(server);
            String bootstrap = HOST + ":" + brokerPort;
            LOG.infof("Kafka %s broker (KRaft, one node) ready at %s in %d ms", AppInfoParser.getVersion(),
                    bootstrap, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began));
            return new LocalKafka(server, dir, bootstrap);
        } catch (RuntimeException e) {
            stopQuietly(server);
            deleteRecursively(dir);
            throw e;
        }
    }

    /**
     * Starts the server; returns once the broker has caught up with the metadata log and is
     * unfenced, i.e. ready for clients. While it starts, the shared config logger is turned
     * down: the broker prints its 300-line configuration three times, and no client is running
     * yet whose configuration could be missed.
     */
    private static void startQuietly(KafkaRaftServer server) {
        java.util.logging.Logger configLog = julLogger("org.apache.kafka.common.config.AbstractConfig");
        Level before = configLog.getLevel();
        if (!verbose()) {
            configLog.setLevel(Level.WARNING);
        }
        try {
            server.startup();
        } finally {
            configLog.setLevel(before);
        }
    }

    private static Properties brokerProperties(Path dir, int brokerPort, int controllerPort) {
        Properties p = new Properties();
        // One node that is both the KRaft controller (the quorum of one) and the broker.
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

    /** What {@code kafka-storage.sh format} does: writes the cluster id and bootstrap metadata. */
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

    /** {@code host:port} for clients ({@code bootstrap.servers}). */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** True when this object started (and will stop) the broker; false for an external one. */
    public boolean isEmbedded() {
        return server != null;
    }

    /**
     * Creates each topic with its partition count and {@code cleanup.policy}. Topics that
     * already exist are kept as they are (so this is safe to call again); a partition count
     * that differs from the definition is reported, because keys would then map to other
     * partitions than the platform expects.
     */
    public void createTopics(Collection<Topic> topics) {
        if (topics.isEmpty()) {
            return;
        }
        List<NewTopic> requests = new ArrayList<>();
        for (Topic t : topics) {
            // Replication left to the broker's default: 1 here, whatever an external cluster uses.
            requests.add(new NewTopic(t.name(), Optional.of(t.partitions()), Optional.empty())
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, t.cleanupPolicy())));
        }
        try (Admin admin = admin()) {
            List<String> existing = new ArrayList<>();
            for (var entry : admin.createTopics(requests).values().entrySet()) {
                try {
                    entry.getValue().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("could not create topic " + entry.getKey() + " on "
                                + bootstrapServers + ": " + e.getCause().getMessage(), e.getCause());
                    }
                    existing.add(entry.getKey());
                }
            }
            warnOnPartitionMismatch(admin, topics, existing);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("timed out creating topics on " + bootstrapServers, e);
        }
    }

    private void warnOnPartitionMismatch(Admin admin, Collection<Topic> topics, List<String> existing)
            throws InterruptedException, TimeoutException {
        if (existing.isEmpty()) {
            return;
        }
        Map<String, TopicDescription> described;
        try {
            described = admin.describeTopics(existing).allTopicNames().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            LOG.warnf("could not describe existing topics %s: %s", existing, e.getCause().getMessage());
            return;
        }
        for (Topic t : topics) {
            TopicDescription d = described.get(t.name());
            if (d != null && d.partitions().size() != t.partitions()) {
                LOG.warnf("topic %s already exists with %d partitions, expected %d", t.name(),
                        d.partitions().size(), t.partitions());
            }
        }
    }

    /** A new Admin client for this broker; the caller closes it. */
    public Admin admin() {
        return withKafkaClassLoader(this::newAdmin);
    }

    private Admin newAdmin() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(AdminClientConfig.CLIENT_ID_CONFIG, "local-stack-admin");
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000");
        return Admin.create(p);
    }

    /** Stops the broker (if this object started it) and deletes its log directory. */
    @Override
    public synchronized void close() {
        if (server == null) {
            return;
        }
        long began = System.nanoTime();
        stopQuietly(server);
        deleteRecursively(dataDir);
        if (bootstrapServers.equals(System.getProperty(JVM_BOOTSTRAP_PROPERTY))) {
            System.clearProperty(JVM_BOOTSTRAP_PROPERTY);
        }
        LOG.infof("Kafka broker at %s stopped in %d ms", bootstrapServers,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began));
    }

    private static void stopQuietly(KafkaRaftServer server) {
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
     * Kafka loads plugin classes (principal builders, persisters, ...) through the thread's
     * context class loader, and its threads inherit it. In a Quarkus test that loader may not
     * be the one that loaded Kafka itself, so Kafka's own is made current while it starts.
     */
    private static <T> T withKafkaClassLoader(Supplier<T> action) {
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
        } catch (IOException e) {
            LOG.warnf("could not delete %s: %s", dir, e.getMessage());
        }
    }

    /**
     * The broker's own INFO logging is several hundred lines per start and drowns the
     * service logs a test author wants to read; its warnings and errors still show. Client
     * loggers ({@code org.apache.kafka.clients}) are left alone. Set the system property
     * {@code local-stack.kafka.verbose=true} to keep everything.
     */
    private static synchronized void quietBrokerLogs() {
        if (verbose() || !QUIETED.isEmpty()) {
            return;
        }
        for (String category : List.of("kafka", "state.change.logger", "org.apache.kafka.controller",
                "org.apache.kafka.raft", "org.apache.kafka.metadata", "org.apache.kafka.image",
                "org.apache.kafka.server", "org.apache.kafka.storage", "org.apache.kafka.coordinator",
                "org.apache.kafka.queue", "org.apache.kafka.snapshot", "org.apache.kafka.network",
                "org.apache.kafka.security")) {
            java.util.logging.Logger logger = julLogger(category);
            logger.setLevel(Level.WARNING);
            QUIETED.add(logger);
        }
    }

    private static boolean verbose() {
        return Boolean.getBoolean("local-stack.kafka.verbose");
    }

    /**
     * Quarkus (and this module's tests) log through JBoss LogManager, which SLF4J reaches
     * directly, not through {@link java.util.logging.LogManager} unless it was installed
     * before the JVM's first log call. Its loggers are java.util.logging loggers, so they are
     * looked up there when present, and in plain java.util.logging otherwise.
     */
    private static java.util.logging.Logger julLogger(String category) {
        try {
            return (java.util.logging.Logger) Class.forName("org.jboss.logmanager.Logger", true, LocalKafka.class.getClassLoader())
                    .getMethod("getLogger", String.class).invoke(null, category);
        } catch (ReflectiveOperationException | LinkageError | ClassCastException e) {
            return java.util.logging.Logger.getLogger(category);
        }
    }
}

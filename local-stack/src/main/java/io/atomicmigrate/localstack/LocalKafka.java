package io.atomicmigrate.localstack;

import io.atomicmigrate.common.topics.Topic;
import io.atomicmigrate.common.topics.Topics;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.jboss.logging.Logger;

/**
 * A real Apache Kafka broker for tests and the local demo: Kafka 4.1 in KRaft mode, one
 * node, started inside this JVM from the Kafka jars ({@link EmbeddedBroker}) and serving
 * plain TCP on a free loopback port. Clients see what they would see in production,
 * including that topics are never auto-created (DESIGN §3).
 *
 * <p>When {@value #EXTERNAL_BOOTSTRAP_ENV} is set, nothing is started: the platform's topics
 * are created on that broker instead.
 */
public final class LocalKafka implements AutoCloseable {

    /** {@code host:port[,host:port]} of an existing broker; when set, nothing is started. */
    public static final String EXTERNAL_BOOTSTRAP_ENV = "LOCAL_STACK_KAFKA_BOOTSTRAP";

    /**
     * Set while this JVM runs a broker. Quarkus loads this class again in its own class
     * loader(s) of a test JVM, each copy with its own statics; a system property is the one
     * place they all share, so later copies attach to the running broker instead of starting
     * a second one.
     */
    static final String JVM_BOOTSTRAP_PROPERTY = "io.atomicmigrate.localstack.kafka.bootstrap";

    private static final Logger LOG = Logger.getLogger(LocalKafka.class);
    private static volatile LocalKafka shared;

    private final EmbeddedBroker broker;
    private final String bootstrapServers;

    private LocalKafka(EmbeddedBroker broker, String bootstrapServers) {
        this.broker = broker;
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
                        current = external(running); // started by another copy of this class
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
        EmbeddedBroker broker = EmbeddedBroker.start();
        return new LocalKafka(broker, broker.bootstrapServers());
    }

    static LocalKafka external(String bootstrapServers) {
        return new LocalKafka(null, bootstrapServers);
    }

    /** {@code host:port} for clients ({@code bootstrap.servers}). */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** True when this object started (and will stop) the broker; false for an external one. */
    public boolean isEmbedded() {
        return broker != null;
    }

    /**
     * Creates each topic with its partition count and {@code cleanup.policy}. Topics that
     * already exist are kept as they are (so this is safe to call again); a partition count
     * that differs from the definition is reported, because keys would then land on other
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
            for (var created : admin.createTopics(requests).values().entrySet()) {
                try {
                    created.getValue().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("could not create topic " + created.getKey() + " on "
                                + bootstrapServers + ": " + e.getCause().getMessage(), e.getCause());
                    }
                    existing.add(created.getKey());
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
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(AdminClientConfig.CLIENT_ID_CONFIG, "local-stack-admin");
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000");
        return EmbeddedBroker.withKafkaClassLoader(() -> Admin.create(p));
    }

    /** The broker's log directory; empty for an external broker. */
    Optional<Path> dataDir() {
        return Optional.ofNullable(broker).map(EmbeddedBroker::dataDir);
    }

    /** Stops the broker and deletes its log directory, if this object started it. */
    @Override
    public synchronized void close() {
        if (broker == null) {
            return;
        }
        broker.close();
        if (bootstrapServers.equals(System.getProperty(JVM_BOOTSTRAP_PROPERTY))) {
            System.clearProperty(JVM_BOOTSTRAP_PROPERTY);
        }
    }
}

package io.atomicmigrate.extractor;

import static io.restassured.RestAssured.given;

import io.atomicmigrate.common.events.EventEnvelope;
import io.atomicmigrate.common.json.EventCodec;
import io.atomicmigrate.common.topics.Topics;
import io.atomicmigrate.localstack.LocalPostgres;
import io.atomicmigrate.localstack.LocalStack;
import io.restassured.http.ContentType;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Shared helpers of the extractor's tests: source databases, roles, REST calls, topic readers. */
public final class TestSupport {

    public static final EventCodec CODEC = new EventCodec();

    private TestSupport() {
    }

    public static LocalPostgres postgres() {
        return LocalStack.shared().postgres();
    }

    public static void sql(String database, String... statements) {
        try (Connection c = postgres().connect(database); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    public static List<String> query(String database, String sql) {
        return queryAs(database, null, sql);
    }

    /** Runs a query after {@code SET ROLE} (null: as the admin). */
    public static List<String> queryAs(String database, String role, String sql) {
        List<String> rows = new ArrayList<>();
        try (Connection c = postgres().connect(database); Statement s = c.createStatement()) {
            s.execute("SET TIME ZONE 'UTC'"); // as the extractor's sessions
            if (role != null) {
                s.execute("SET ROLE " + role);
            }
            try (ResultSet rs = s.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder sb = new StringBuilder();
                for (int i = 1; i <= columns; i++) {
                    sb.append(i > 1 ? "|" : "").append(rs.getString(i));
                }
                rows.add(sb.toString());
            }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        return rows;
    }

    /** Creates a login role once per server (roles are cluster-wide). */
    public static void role(String name, String password, String options) {
        sql("postgres", "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '" + name + "') THEN "
                + "CREATE ROLE " + name + " LOGIN PASSWORD '" + password + "' " + options + "; END IF; END $$");
    }

    /** Registers a migration over REST and returns its id. */
    public static String createMigration(String json) {
        return given().contentType(ContentType.JSON).body(json).when().post("/migrations")
                .then().statusCode(201).extract().path("id");
    }

    public static String sourceJson(String database, String user, String password) {
        LocalPostgres pg = postgres();
        return "{\"host\": \"" + pg.host() + "\", \"port\": " + pg.port() + ", \"database\": \"" + database
                + "\", \"user\": \"" + user + "\"" + (password == null ? "" : ", \"password\": \"" + password + "\"")
                + ", \"sslMode\": \"disable\"}";
    }

    public static KafkaProducer<String, byte[]> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalStack.shared().kafka().bootstrapServers());
        return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    public static void publish(EventEnvelope<?> event) {
        try (KafkaProducer<String, byte[]> p = producer()) {
            p.send(new ProducerRecord<>(event.eventType().topic(), event.migrationId(), CODEC.encode(event))).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads a topic from the offsets it had when created; collects the records of one migration. */
    public static final class TopicReader implements AutoCloseable {
        private final KafkaConsumer<String, byte[]> consumer;
        private final String keyPrefix;
        private final List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();

        public TopicReader(String topic, String migrationId) {
            Properties props = new Properties();
            props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalStack.shared().kafka().bootstrapServers());
            props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
            consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position); // pin the start now, before anything is produced
            this.keyPrefix = migrationId;
        }

        public static TopicReader lifecycle(String migrationId) {
            return new TopicReader(Topics.MIGRATION_EVENTS, migrationId);
        }

        public static TopicReader records(String migrationId) {
            return new TopicReader(Topics.RECORDS_EXTRACTED, migrationId);
        }

        /** Polls until the records of this migration satisfy {@code done}; returns them all. */
        public List<ConsumerRecord<String, byte[]>> await(Predicate<List<ConsumerRecord<String, byte[]>>> done,
                                                          Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!done.test(seen)) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("after " + timeout + " only " + seen.size() + " record(s) of " + keyPrefix);
                }
                poll();
            }
            return List.copyOf(seen);
        }

        /** Polls for a while and returns everything seen so far (to check nothing more arrives). */
        public List<ConsumerRecord<String, byte[]>> drain(Duration quiet) {
            long deadline = System.nanoTime() + quiet.toNanos();
            while (System.nanoTime() < deadline) {
                poll();
            }
            return List.copyOf(seen);
        }

        private void poll() {
            for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                if (r.key() != null && (r.key().equals(keyPrefix) || r.key().startsWith(keyPrefix + "/"))) {
                    seen.add(r);
                }
            }
        }

        public List<EventEnvelope<?>> events() {
            return seen.stream().<EventEnvelope<?>>map(r -> CODEC.decode(r.value())).toList();
        }

        @Override
        public void close() {
            consumer.close();
        }
    }
}

package io.atomicmigrate.reconciler.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.atomicmigrate.common.events.EventEnvelope;
import io.atomicmigrate.common.events.payload.MigrationFailed;
import io.atomicmigrate.common.json.EventCodec;
import io.atomicmigrate.common.topics.Topics;
import io.atomicmigrate.localstack.LocalStack;
import io.atomicmigrate.localstack.LocalStackTestResource;
import io.atomicmigrate.fixture.AtomicCrmFixture;
import io.atomicmigrate.fixture.FixtureOptions;
import io.atomicmigrate.fixture.FixtureReport;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An event produced by one Quarkus application (the extractor, in its own process) is
 * consumed by another (this reconciler) through the real broker, with the key and
 * partition the design promises, and a redelivery is not counted twice.
 */
@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
class CrossServiceEventFlowTest {

    private static ExtractorProcess extractor;

    @BeforeAll
    static void startExtractor() throws Exception {
        extractor = ExtractorProcess.start();
    }

    @AfterAll
    static void stopExtractor() {
        if (extractor != null) {
            extractor.close();
        }
    }

    @Test
    void aMigrationCreatedInTheExtractorReachesTheReconcilerOnItsKeyAndPartition() {
        String id = given().baseUri(extractor.baseUri().toString()).contentType(ContentType.JSON)
                .body("""
                        {"name": "Two apps", "source": {"host": "db.example", "database": "postgres"},
                         "destination": {"baseUrl": "http://localhost:1"}}""")
                .when().post("/migrations").then().statusCode(201).extract().path("id");

        List<Map<String, Object>> events = awaitEvents(id, e -> e.size() >= 1);
        assertThat(events).hasSize(1);
        Map<String, Object> event = events.get(0);
        assertThat(event.get("type")).isEqualTo("migration.created");
        assertThat(event.get("kafkaKey")).isEqualTo(id);
        assertThat(event.get("kafkaPartition"))
                .isEqualTo(Utils.toPositive(Utils.murmur2(id.getBytes())) % Topics.MIGRATION_EVENTS_TOPIC.partitions());
    }

    @Test
    void aRedeliveredEventIsRecordedOnce() throws Exception {
        String id = "mig-redelivery-" + System.nanoTime();
        EventCodec codec = new EventCodec();
        byte[] failed = codec.encode(EventEnvelope.of(id, new MigrationFailed("TEST_ONCE", "first", "test")));
        byte[] marker = codec.encode(EventEnvelope.of(id, new MigrationFailed("TEST_MARKER", "after", "test")));
        try (KafkaProducer<String, byte[]> producer = producer()) {
            // Same key, so all three land on one partition and are consumed in this order.
            producer.send(new ProducerRecord<>(Topics.MIGRATION_EVENTS, id, failed)).get();
            producer.send(new ProducerRecord<>(Topics.MIGRATION_EVENTS, id, failed)).get();
            producer.send(new ProducerRecord<>(Topics.MIGRATION_EVENTS, id, marker)).get();
        }
        List<Map<String, Object>> events = awaitEvents(id, e -> e.size() >= 2);
        assertThat(events).extracting(e -> e.get("type")).containsExactly("migration.failed", "migration.failed");
        assertThat(events).extracting(e -> e.get("kafkaOffset")).doesNotHaveDuplicates();
        assertThat(events).extracting(e -> e.get("eventId")).doesNotHaveDuplicates();
        // the duplicate was a quiet no-op, not a processing failure parked on the dead-letter topic
        assertThat(keysOnDeadLetterTopic()).doesNotContain(id);
    }

    /**
     * The reconciler conducts, the real extractor (its own process) extracts: run.started and
     * phase.started reach it, every row it publishes lands in the ledger, and the gate holds the
     * phase open for the mapper and loader (not running here) instead of completing it.
     */
    @Test
    void theExtractorAnswersTheConductorsPhaseStartAndTheGateCountsEveryRowItPublished() throws Exception {
        FixtureReport source = AtomicCrmFixture.createAndLoad(LocalStack.shared().postgres(), "rec_source",
                FixtureOptions.builder().scale(0.2).build());
        // the phase carries every table that feeds it (the companies, and the sales and tags they point at)
        long rows = io.atomicmigrate.common.events.Phase.ORGANIZATIONS.sourceTables().stream()
                .mapToLong(t -> source.rowCounts().getOrDefault(t, 0L)).sum();
        var pg = LocalStack.shared().postgres();
        String id = given().baseUri(extractor.baseUri().toString()).contentType(ContentType.JSON)
                .body("{\"name\": \"Conducted\", \"source\": {\"host\": \"" + pg.host() + "\", \"port\": " + pg.port()
                        + ", \"database\": \"rec_source\", \"user\": \"" + pg.user() + "\", \"password\": \""
                        + pg.password() + "\", \"sslMode\": \"disable\"}, \"destination\": {\"baseUrl\": \"http://localhost:1\"}}")
                .when().post("/migrations").then().statusCode(201).extract().path("id");
        io.atomicmigrate.reconciler.TopicIo.publish(io.atomicmigrate.reconciler.Pipeline.mapApproved(id, 1));
        String runId = io.atomicmigrate.reconciler.rest.RunConductingTest.startRun(id, "PRODUCTION",
                List.of("ORGANIZATIONS", "PERSONS"));

        JsonPath phase = io.atomicmigrate.reconciler.rest.RunConductingTest.awaitPhase(id, runId, "ORGANIZATIONS",
                p -> p.get("report.expectedRows") != null && p.getLong("report.counts.extracted") == rows);
        assertThat(phase.getLong("report.expectedRows")).isEqualTo(rows);
        assertThat(phase.getLong("report.awaitingMapping")).isEqualTo(rows);
        // the rows that arrived are the rows the extractor published: its checksum, recomputed here
        assertThat(phase.getString("report.checksum")).isEqualTo(phase.getString("report.expectedChecksum"))
                .matches("[0-9a-f]{16}").isNotEqualTo("0000000000000000");
        assertThat(phase.getString("state")).isIn("RUNNING", "STALLED");
        // nothing mapped them, so the next phase has not been started
        assertThat(given().when().get("/migrations/" + id + "/runs/" + runId).then().statusCode(200).extract()
                .jsonPath().getString("phases.find { it.phase == 'PERSONS' }.state")).isEqualTo("PENDING");
    }

    private static List<String> keysOnDeadLetterTopic() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalStack.shared().kafka().bootstrapServers());
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.DEAD_LETTERS).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<String> keys = new java.util.ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> keys.add(r.key()));
            }
            return keys;
        }
    }

    private static List<Map<String, Object>> awaitEvents(String migrationId, Predicate<List<?>> done) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        List<Map<String, Object>> events = List.of();
        while (System.nanoTime() < deadline) {
            JsonPath body = given().when().get("/migrations/" + migrationId + "/events").then().statusCode(200)
                    .extract().jsonPath();
            events = body.getList("$");
            if (done.test(events)) {
                return events;
            }
            sleep();
        }
        throw new AssertionError("reconciler saw " + events + " for " + migrationId + " after 60 s");
    }

    private static KafkaProducer<String, byte[]> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalStack.shared().kafka().bootstrapServers());
        return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

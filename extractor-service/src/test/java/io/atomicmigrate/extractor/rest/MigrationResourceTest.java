package io.atomicmigrate.extractor.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

import io.atomicmigrate.common.events.EventEnvelope;
import io.atomicmigrate.common.events.payload.MigrationCreated;
import io.atomicmigrate.common.json.EventCodec;
import io.atomicmigrate.common.topics.Topics;
import io.atomicmigrate.localstack.LocalStack;
import io.atomicmigrate.localstack.LocalStackTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
class MigrationResourceTest {

    private static final String VALID = """
            {"name": "Acme CRM", "source": {"host": "db.acme.supabase.co", "database": "postgres", "user": "postgres"},
             "destination": {"companyDomain": "acme"}}""";

    @Test
    void aCreatedMigrationIsStoredAndReadBackThroughTheReactiveClient() {
        String id = given().contentType(ContentType.JSON).body(VALID)
                .when().post("/migrations")
                .then().statusCode(201).header("Location", containsString("/migrations/mig-"))
                .extract().path("id");

        given().when().get("/migrations/" + id).then().statusCode(200)
                .body("id", is(id))
                .body("name", is("Acme CRM"))
                .body("sourceHost", is("db.acme.supabase.co"))
                .body("sourcePort", is(5432))
                .body("destinationDomain", is("acme"))
                .body("createdAt", startsWith("20"));
    }

    @Test
    void creatingAMigrationPublishesItsLifecycleEventKeyedByMigration() {
        String id = given().contentType(ContentType.JSON).body(VALID).when().post("/migrations")
                .then().statusCode(201).extract().path("id");

        ConsumerRecord<String, byte[]> record = findEventOf(id);
        int partitions = Topics.MIGRATION_EVENTS_TOPIC.partitions();
        assertThat(record.key()).isEqualTo(id);
        assertThat(record.partition())
                .isEqualTo(Utils.toPositive(Utils.murmur2(id.getBytes())) % partitions);
        EventEnvelope<MigrationCreated> event = new EventCodec().decode(record.value(), MigrationCreated.class);
        assertThat(event.migrationId()).isEqualTo(id);
        assertThat(event.payload().name()).isEqualTo("Acme CRM");
        assertThat(event.payload().destination().companyDomain()).isEqualTo("acme");
    }

    @Test
    void badRequestsGetSpecificErrors() {
        given().contentType(ContentType.JSON)
                .body("""
                        {"name": "x", "source": {"host": " ", "database": "postgres", "port": 70000},
                         "destination": {}}""")
                .when().post("/migrations")
                .then().statusCode(400)
                .body(containsString("source.host is required"))
                .body(containsString("source.port must be between 1 and 65535"))
                .body(containsString("destination needs companyDomain or baseUrl"));
        given().contentType(ContentType.JSON).when().post("/migrations")
                .then().statusCode(400).body(containsString("a JSON body is required"));
        given().when().get("/migrations/mig-does-not-exist").then().statusCode(404)
                .body("error", is("no migration mig-does-not-exist"));
    }

    /** Reads the lifecycle topic from the start until the event of this migration shows up. */
    private static ConsumerRecord<String, byte[]> findEventOf(String migrationId) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalStack.shared().kafka().bootstrapServers());
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.MIGRATION_EVENTS).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (migrationId.equals(r.key())) {
                        return r;
                    }
                }
            }
        }
        throw new AssertionError("no event for " + migrationId + " on " + Topics.MIGRATION_EVENTS + " within 30 s");
    }
}

package io.atomicmigrate.loader.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atomicmigrate.common.events.EventEnvelope;
import io.atomicmigrate.common.events.EventKeys;
import io.atomicmigrate.common.events.Phase;
import io.atomicmigrate.common.events.payload.DestinationReady;
import io.atomicmigrate.common.events.payload.RecordMapped;
import io.atomicmigrate.common.events.payload.RecordOutcome;
import io.atomicmigrate.common.events.payload.RecordOutcome.Outcome;
import io.atomicmigrate.common.json.EventCodec;
import io.atomicmigrate.common.topics.Topics;
import io.atomicmigrate.loader.client.PipedriveAccount;
import io.atomicmigrate.loader.client.PipedriveClientFactory;
import io.atomicmigrate.loader.repository.IdLedger;
import io.atomicmigrate.loader.service.ConfiguredDestinationCredentials;
import io.atomicmigrate.loader.service.DestinationCredentials;
import io.atomicmigrate.loader.service.DestinationSetup;
import io.atomicmigrate.loader.support.LoaderTestResource;
import io.atomicmigrate.loader.support.Records;
import io.atomicmigrate.loader.support.TestMaps;
import io.atomicmigrate.loader.support.TestSandbox;
import io.atomicmigrate.localstack.LocalStackTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Runs after the first one: a sample run, its redelivery (same outcome events), a production run over
 * the same rows (UNCHANGED, no call), changed rows (one update each, UPDATED), then a delta with
 * deleted rows (DELETE of what we created, never of a record we merged into) and a SKIP verdict.
 */
@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
@WithTestResource(LoaderTestResource.class)
class DeltaRunsTest {

    private static final Duration WAIT = Duration.ofSeconds(90);

    @Inject
    DestinationSetup setup;
    @Inject
    ConfiguredDestinationCredentials credentials;
    @Inject
    PipedriveClientFactory clients;
    @Inject
    IdLedger ledger;

    /**
     * One round: the records published under {@code runId}, and the outcome events that came back for
     * them: everything on the topic for the migration minus what earlier rounds saw (as a multiset, since
     * partitions are read in no fixed order and a redelivery within a run repeats an event).
     */
    static List<EventEnvelope<?>> round(String m, String runId, int alreadyOut, List<RecordMapped> records) {
        List<EventEnvelope<?>> before = alreadyOut == 0 ? List.of() : io.atomicmigrate.loader.support.Topics.await(
                Topics.RECORDS_OUTCOMES, m, WAIT, seen -> seen.size() >= alreadyOut);
        assertThat(before).hasSize(alreadyOut);
        io.atomicmigrate.loader.support.Topics.publishAll(records.stream().map(r -> new EventEnvelope<>(UUID.randomUUID(),
                "record.mapped", m, runId, Phase.PERSONS, Instant.now(), 1, r)).toList());
        int expected = alreadyOut + records.size();
        List<EventEnvelope<?>> out = io.atomicmigrate.loader.support.Topics.await(Topics.RECORDS_OUTCOMES, m, WAIT,
                seen -> seen.size() >= expected);
        assertThat(out).as("outcomes of " + runId).hasSize(expected);
        List<EventEnvelope<?>> fresh = new ArrayList<>(out);
        for (EventEnvelope<?> old : before) {
            for (int i = 0; i < fresh.size(); i++) {
                if (fresh.get(i).id().equals(old.id())) {
                    fresh.remove(i);
                    break;
                }
            }
        }
        return fresh;
    }

    static Map<String, RecordOutcome> byRow(List<EventEnvelope<?>> events) {
        return events.stream().map(e -> (RecordOutcome) e.payload())
                .collect(Collectors.toMap(o -> o.table() + "/" + o.sourceId() + "/" + o.object(), Function.identity()));
    }

    static List<String> ids(List<EventEnvelope<?>> events) {
        return events.stream().map(e -> e.id().toString()).toList();
    }

    static RecordMapped deletion(RecordMapped r) {
        return new RecordMapped(r.sourceTable(), r.sourceId(), r.object(), r.dedupKey(),
                JsonNodeFactory.instance.objectNode(), List.of(), List.of(), r.mapVersion(), r.marker(),
                RecordMapped.Action.DELETE);
    }

    /** Writes (creates, updates, deletes) the sandbox counted for the account, by operation. */
    static Map<String, Long> writes(TestSandbox.Account a) {
        JsonNode byOp = TestSandbox.counters(a.domain()).path("requests_by_operation");
        Map<String, Long> out = new java.util.TreeMap<>();
        byOp.fieldNames().forEachRemaining(op -> {
            if (op.startsWith("add") || op.startsWith("update") || op.startsWith("delete")) {
                out.put(op, byOp.path(op).asLong());
            }
        });
        return out;
    }

    @Test
    void aDeletionAfterACrashFindsTheUnconfirmedCreateByItsMarkerAndDeletesIt() throws Exception {
        TestSandbox.Account a = TestSandbox.newAccount("ultimate");
        String m = "crash-delete-" + UUID.randomUUID();
        credentials.register(m, new DestinationCredentials.Destination(TestSandbox.get().baseUrl(), a.token()));
        PipedriveAccount account = clients.account(TestSandbox.get().baseUrl(), a.token());
        DestinationReady ready = setup.setUp(TestMaps.map(m), "h");
        RecordMapped cara = Records.person("7", "Cara Crash", "cara@x.example", null, null);
        // the state a kill leaves: the intent is in the ledger, the create reached Pipedrive, its answer never came
        ledger.intent(m, "contacts", "7", "person", cara.marker(), account.accountId(), "h", "sample", 1);
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("name", "Cara Crash");
        body.putObject("custom_fields").put(ready.fieldKeys().get("person.Atomic CRM id"), cara.marker());
        String id = account.v2().create("persons", body).path("data").path("id").asText();

        Map<String, RecordOutcome> out = byRow(round(m, "delta-1", 0, List.of(deletion(cara))));

        assertThat(out.get("contacts/7/person").outcome()).isEqualTo(Outcome.DELETED);
        assertThat(out.get("contacts/7/person").pipedriveId()).isEqualTo(id);
        assertThat(RecordWritesTest.entity(a, "person", id).path("is_deleted").asBoolean()).isTrue();
    }

    @Test
    void sampleThenProductionThenChangesThenDeletions() throws Exception {
        TestSandbox.Account a = TestSandbox.newAccount("ultimate");
        String m = "delta-" + UUID.randomUUID();
        credentials.register(m, new DestinationCredentials.Destination(TestSandbox.get().baseUrl(), a.token()));
        PipedriveAccount account = clients.account(TestSandbox.get().baseUrl(), a.token());
        ObjectNode jane = JsonNodeFactory.instance.objectNode().put("name", "Jane Existing");
        jane.putArray("emails").addObject().put("value", "jane@x.example").put("primary", true).put("label", "home");
        long janeId = account.v2().create("persons", jane).path("data").path("id").asLong();
        DestinationReady ready = setup.setUp(TestMaps.map(m), "h");
        assertThat(ready).isNotNull();

        List<RecordMapped> people = List.of(Records.person("1", "Ann Smith", "ann@acme.example", null, null),
                Records.person("2", "Jane Doe", "jane@x.example", null, null),
                Records.person("3", "Lee Lead", "lee@lead.example", null, null));
        List<RecordMapped> children = List.of(Records.note("1", "1", "Met at the fair"),
                Records.activity("1", "1", "Demo call", "demo"), Records.lead("3", "Lee Lead"));

        // sample run
        List<EventEnvelope<?>> sample = new ArrayList<>(round(m, "sample", 0, people));
        sample.addAll(round(m, "sample", 3, children));
        Map<String, RecordOutcome> sampleOutcomes = byRow(sample);
        assertThat(sampleOutcomes.get("contacts/2/person").outcome()).isEqualTo(Outcome.MERGED);
        assertThat(sampleOutcomes.get("contacts/2/person").pipedriveId()).isEqualTo(Long.toString(janeId));
        assertThat(sampleOutcomes).hasSize(6);
        assertThat(sampleOutcomes.entrySet()).filteredOn(e -> !e.getKey().equals("contacts/2/person"))
                .allSatisfy(e -> assertThat(e.getValue().outcome()).as(e.getKey()).isEqualTo(Outcome.CREATED));
        Map<String, Long> afterSample = writes(a);

        // a redelivery within the sample run: the same outcome events, nothing sent
        List<EventEnvelope<?>> redelivered = new ArrayList<>(round(m, "sample", 6, people));
        redelivered.addAll(round(m, "sample", 9, children));
        assertThat(ids(redelivered)).containsExactlyInAnyOrderElementsOf(ids(sample));
        assertThat(byRow(redelivered)).isEqualTo(sampleOutcomes);

        // the production run over the same rows: UNCHANGED (not "created again"), same ids, no call
        List<EventEnvelope<?>> production = new ArrayList<>(round(m, "production", 12, people));
        production.addAll(round(m, "production", 15, children));
        Map<String, RecordOutcome> prod = byRow(production);
        assertThat(prod.values()).allSatisfy(o -> {
            assertThat(o.outcome()).as(o.table() + "/" + o.sourceId()).isEqualTo(Outcome.UNCHANGED);
            assertThat(o.pipedriveId()).isEqualTo(sampleOutcomes.get(o.table() + "/" + o.sourceId() + "/" + o.object())
                    .pipedriveId());
        });
        assertThat(ids(production)).doesNotContainAnyElementsOf(ids(sample));
        // ... and its own redelivery is the same events again
        List<EventEnvelope<?>> productionAgain = new ArrayList<>(round(m, "production", 18, people));
        productionAgain.addAll(round(m, "production", 21, children));
        assertThat(ids(productionAgain)).containsExactlyInAnyOrderElementsOf(ids(production));
        assertThat(writes(a)).isEqualTo(afterSample);

        // a delta run with changed rows: one update each, of the same records
        List<RecordMapped> changed = List.of(Records.person("1", "Ann Smith-Jones", "ann@acme.example", null, null),
                Records.person("2", "Jane Doe-Roe", "jane@x.example", null, null),
                Records.note("1", "1", "Met at the fair, twice"), Records.activity("1", "1", "Second demo call", "demo"),
                Records.lead("3", "Lee Lead (renewal)"));
        Map<String, RecordOutcome> updated = byRow(round(m, "delta-1", 24, changed));
        assertThat(updated.values()).allSatisfy(o -> {
            assertThat(o.outcome()).as(o.table() + "/" + o.sourceId()).isEqualTo(Outcome.UPDATED);
            assertThat(o.pipedriveId()).isEqualTo(sampleOutcomes.get(o.table() + "/" + o.sourceId() + "/" + o.object())
                    .pipedriveId());
        });
        Map<String, Long> afterUpdates = writes(a);
        Map<String, Long> expectedWrites = new java.util.TreeMap<>(afterSample);
        for (String op : List.of("updatePerson", "updatePerson", "updateNote", "updateActivity", "updateLead")) {
            expectedWrites.merge(op, 1L, Long::sum);
        }
        assertThat(afterUpdates).isEqualTo(expectedWrites);
        assertThat(RecordWritesTest.entity(a, "person", updated.get("contacts/1/person").pipedriveId()).path("name").asText())
                .isEqualTo("Ann Smith-Jones");
        JsonNode janeNow = RecordWritesTest.entity(a, "person", Long.toString(janeId));
        assertThat(janeNow.path("name").asText()).isEqualTo("Jane Doe-Roe");
        assertThat(janeNow.path("emails")).hasSize(1); // the customer's address kept, ours is the same one
        assertThat(RecordWritesTest.entity(a, "note", updated.get("contact_notes/1/note").pipedriveId())
                .path("content").asText()).contains("twice");
        assertThat(RecordWritesTest.entity(a, "activity", updated.get("tasks/1/activity").pipedriveId())
                .path("subject").asText()).isEqualTo("Second demo call");
        assertThat(RecordWritesTest.entity(a, "lead", updated.get("contacts/3/lead").pipedriveId())
                .path("title").asText()).isEqualTo("Lee Lead (renewal)");

        // a delta run with deleted rows (and a row the map skips)
        List<RecordMapped> deletions = List.of(deletion(people.get(0)), deletion(people.get(1)),
                deletion(Records.person("9", "Never Loaded", "nobody@x.example", null, null)),
                deletion(children.get(0)), deletion(children.get(1)), deletion(children.get(2)));
        List<EventEnvelope<?>> deleted = round(m, "delta-2", 29, deletions);
        Map<String, RecordOutcome> del = byRow(deleted);
        for (String row : List.of("contacts/1/person", "contact_notes/1/note", "tasks/1/activity", "contacts/3/lead")) {
            assertThat(del.get(row).outcome()).as(row).isEqualTo(Outcome.DELETED);
            assertThat(del.get(row).pipedriveId()).as(row).isEqualTo(sampleOutcomes.get(row).pipedriveId());
        }
        assertThat(del.get("contacts/2/person").outcome()).isEqualTo(Outcome.UNCHANGED);
        assertThat(del.get("contacts/2/person").pipedriveId()).isEqualTo(Long.toString(janeId));
        assertThat(del.get("contacts/2/person").error().code()).isEqualTo("KEPT_PRE_EXISTING");
        assertThat(del.get("contacts/9/person").outcome()).isEqualTo(Outcome.UNCHANGED);
        assertThat(del.get("contacts/9/person").pipedriveId()).isNull();

        assertThat(RecordWritesTest.entity(a, "person", del.get("contacts/1/person").pipedriveId())
                .path("is_deleted").asBoolean()).isTrue();
        assertThat(RecordWritesTest.entity(a, "activity", del.get("tasks/1/activity").pipedriveId())
                .path("is_deleted").asBoolean()).isTrue();
        for (String[] row : new String[][]{{"note", "contact_notes/1/note"}, {"lead", "contacts/3/lead"}}) {
            // v1 notes and leads: "Deletes" (not soft), gone from the account; is_deleted if the sandbox keeps them
            assertThat(TestSandbox.entities(a.domain(), row[0]).stream()
                    .filter(e -> e.path("id").asText().equals(del.get(row[1]).pipedriveId()))
                    .noneMatch(e -> !e.path("is_deleted").asBoolean(false))).as(row[1]).isTrue();
        }
        assertThat(RecordWritesTest.entity(a, "person", Long.toString(janeId)).path("is_deleted").asBoolean(false))
                .as("the customer's own record is never deleted").isFalse();
        assertThat(ledger.find(m, "contacts", "1", "person").orElseThrow().state()).isEqualTo("deleted");
        assertThat(ledger.find(m, "contacts", "2", "person").orElseThrow().state()).isEqualTo("done");
        assertThat(ledger.find(m, "contacts", "9", "person")).isEmpty();
        Map<String, Long> afterDeletes = writes(a);
        Map<String, Long> expectedDeletes = new java.util.TreeMap<>(afterUpdates);
        for (String op : List.of("deletePerson", "deleteNote", "deleteActivity", "deleteLead")) {
            expectedDeletes.merge(op, 1L, Long::sum);
        }
        assertThat(afterDeletes).isEqualTo(expectedDeletes);

        // redelivered deletions: the same DELETED events, no second call
        List<EventEnvelope<?>> deletedAgain = round(m, "delta-2", 35, deletions);
        assertThat(ids(deletedAgain)).containsExactlyInAnyOrderElementsOf(ids(deleted));
        assertThat(writes(a)).isEqualTo(afterDeletes);

        // SKIP: acknowledged (the group's committed offset passes it), no outcome, no call, no ledger row
        RecordMapped skipped = new RecordMapped("contacts", "5", "lead", "lead of contacts 5",
                JsonNodeFactory.instance.objectNode(), List.of(), List.of("a person, not a lead"), 1, "contacts:5:lead",
                RecordMapped.Action.SKIP);
        EventEnvelope<RecordMapped> skip = new EventEnvelope<>(UUID.randomUUID(), "record.mapped", m, "delta-2",
                Phase.LEADS, Instant.now(), 1, skipped);
        awaitCommitted(publishOne(skip));
        List<EventEnvelope<?>> all = io.atomicmigrate.loader.support.Topics.await(Topics.RECORDS_OUTCOMES, m,
                Duration.ofSeconds(2), seen -> false);
        assertThat(all).hasSize(41).noneMatch(e -> ((RecordOutcome) e.payload()).sourceId().equals("5"));
        assertThat(ledger.find(m, "contacts", "5", "lead")).isEmpty();
        assertThat(writes(a)).isEqualTo(afterDeletes);
    }

    private static String bootstrap() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    private static RecordMetadata publishOne(EventEnvelope<RecordMapped> event) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            return producer.send(new ProducerRecord<>(Topics.RECORDS_MAPPED, EventKeys.of(event),
                    new EventCodec().encode(event))).get();
        }
    }

    /** Waits (bounded, not asserted on time) until the loader's group committed past the record. */
    private static void awaitCommitted(RecordMetadata sent) throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        TopicPartition tp = new TopicPartition(sent.topic(), sent.partition());
        try (Admin admin = Admin.create(p)) {
            long end = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() < end) {
                OffsetAndMetadata committed = admin.listConsumerGroupOffsets("loader-service")
                        .partitionsToOffsetAndMetadata().get().get(tp);
                if (committed != null && committed.offset() > sent.offset()) {
                    return;
                }
                Thread.sleep(200);
            }
        }
        throw new AssertionError("the SKIP record at " + tp + "@" + sent.offset() + " was never acknowledged");
    }
}

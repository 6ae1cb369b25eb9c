package io.atomicmigrate.mapper.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.atomicmigrate.common.events.EventEnvelope;
import io.atomicmigrate.common.events.EventKeys;
import io.atomicmigrate.common.events.Phase;
import io.atomicmigrate.common.events.payload.RecordExtracted;
import io.atomicmigrate.common.events.payload.RecordMapped;
import io.atomicmigrate.common.events.payload.RecordRejected;
import io.atomicmigrate.common.events.payload.RunStarted;
import io.atomicmigrate.common.topics.Topics;
import io.atomicmigrate.fixture.DirtyQuirk;
import io.atomicmigrate.localstack.LocalStackTestResource;
import io.atomicmigrate.mapper.FixtureDatabase;
import io.atomicmigrate.mapper.TopicProbe;
import io.atomicmigrate.mapper.rest.MapReviewFlowTest;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Extracted rows through the real broker: with an approved map each comes out with exactly one
 * verdict (mapped, skipped or rejected; deletions as DELETE records), keyed and marked for the
 * loader; without one, nothing moves.
 */
@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
class RecordFlowTest {

    static final FixtureDatabase DB = FixtureDatabase.get();

    static List<EventEnvelope<RecordExtracted>> rows(String migrationId, String runId, Phase phase, String table,
                                                     List<JsonNode> rows) {
        List<EventEnvelope<RecordExtracted>> out = new ArrayList<>();
        rows.forEach(r -> out.add(EventEnvelope.of(migrationId, runId, phase, FixtureDatabase.extracted(table, r))));
        return out;
    }

    static List<ConsumerRecord<String, EventEnvelope<?>>> outputs(String migrationId, String table, int expected) {
        List<ConsumerRecord<String, EventEnvelope<?>>> all = new ArrayList<>();
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            all.clear();
            all.addAll(TopicProbe.readAll(Topics.RECORDS_MAPPED, migrationId));
            all.addAll(TopicProbe.readAll(Topics.RECORDS_REJECTED, migrationId));
            long n = all.stream().filter(r -> table.equals(tableOf(r.value()))).count();
            if (n >= expected) {
                break;
            }
            sleep(300);
        }
        return all.stream().filter(r -> table.equals(tableOf(r.value()))).toList();
    }

    static String tableOf(EventEnvelope<?> e) {
        return e.payload() instanceof RecordMapped m ? m.sourceTable() : ((RecordRejected) e.payload()).table();
    }

    @Test
    void rowsOfAnApprovedRunComeOutMappedOrRejectedNeverLost() {
        String id = MapReviewFlowTest.discover("records-" + UUID.randomUUID());
        given().contentType(ContentType.JSON).body(Map.of("approvedBy", "ops@acme.com"))
                .post("/api/migrations/{id}/map/versions/1/approval", id).then().statusCode(200);
        String run = "run-1";
        TopicProbe.publish(EventEnvelope.of(id, run, null, new RunStarted(RunStarted.RunKind.PRODUCTION, 1,
                List.of(Phase.PERSONS, Phase.DEALS), 0)));

        List<EventEnvelope<RecordExtracted>> tagEvents = rows(id, run, null, "tags", DB.rows("tags"));
        TopicProbe.publishAll(tagEvents);
        assertThat(outputs(id, "tags", DB.rows("tags").size())).hasSize(DB.rows("tags").size());

        List<JsonNode> contacts = new ArrayList<>(DB.rows("contacts").subList(0, 30));
        for (DirtyQuirk q : List.of(DirtyQuirk.INVALID_EMAILS, DirtyQuirk.NAMELESS_CONTACTS, DirtyQuirk.DANGLING_TAG_IDS)) {
            DB.idsWith(q, "contacts").stream().filter(i -> i > 30).forEach(i -> contacts.add(DB.row("contacts", i)));
        }
        List<EventEnvelope<RecordExtracted>> contactEvents = rows(id, run, Phase.PERSONS, "contacts", contacts);
        TopicProbe.publishAll(contactEvents);
        List<ConsumerRecord<String, EventEnvelope<?>>> out = outputs(id, "contacts", contacts.size());
        assertThat(out).hasSize(contacts.size());
        long nameless = DB.idsWith(DirtyQuirk.NAMELESS_CONTACTS, "contacts").stream()
                .filter(i -> contacts.stream().anyMatch(c -> c.get("id").asLong() == i)).count();
        assertThat(out.stream().filter(r -> r.value().payload() instanceof RecordRejected rr
                && rr.reasons().stream().anyMatch(x -> x.code().equals("NO_NAME")))).hasSize((int) nameless);
        RecordMapped invalid = out.stream().map(r -> r.value().payload()).filter(RecordMapped.class::isInstance)
                .map(RecordMapped.class::cast)
                .filter(m -> m.sourceId().equals(String.valueOf(DB.idsWith(DirtyQuirk.INVALID_EMAILS, "contacts").get(0))))
                .findFirst().orElseThrow();
        assertThat(invalid.warnings()).anyMatch(w -> w.startsWith("INVALID_EMAIL"));
        assertThat(out.stream().map(r -> r.value().payload()).filter(RecordMapped.class::isInstance)
                .map(RecordMapped.class::cast).flatMap(m -> m.warnings().stream())).anyMatch(w -> w.startsWith("DANGLING_TAG"));
        for (ConsumerRecord<String, EventEnvelope<?>> r : out) {
            assertThat(r.key()).isEqualTo(EventKeys.of(r.value()));
            assertThat(r.value().runId()).isEqualTo(run);
            if (r.value().payload() instanceof RecordMapped m) {
                assertThat(m.mapVersion()).isEqualTo(1);
                assertThat(m.marker()).isEqualTo("contacts:" + m.sourceId());
            }
        }

        // deals after their contacts: dangling contact ids are known as such
        List<JsonNode> deals = new ArrayList<>(DB.rows("deals").subList(0, 12));
        DB.idsWith(DirtyQuirk.DANGLING_CONTACT_IDS, "deals").stream().filter(i -> i > 12)
                .forEach(i -> deals.add(DB.row("deals", i)));
        // the contacts these deals name (except the deleted ones), so their ids are known
        java.util.Set<Long> named = new java.util.TreeSet<>();
        deals.forEach(d -> d.get("contact_ids").forEach(c -> named.add(c.asLong())));
        List<JsonNode> dealContacts = DB.rows("contacts").stream().filter(c -> named.contains(c.get("id").asLong())).toList();
        TopicProbe.publishAll(rows(id, run, Phase.PERSONS, "contacts", dealContacts));
        outputs(id, "contacts", contacts.size() + dealContacts.size());
        sleep(5_500); // past the id cache refresh, as a phase gate would be
        TopicProbe.publishAll(rows(id, run, Phase.DEALS, "deals", deals));
        List<ConsumerRecord<String, EventEnvelope<?>>> dealOut = outputs(id, "deals", deals.size());
        assertThat(dealOut).hasSize(deals.size());
        assertThat(dealOut.stream().map(r -> r.value().payload()).filter(RecordMapped.class::isInstance)
                .map(RecordMapped.class::cast).flatMap(m -> m.warnings().stream())).anyMatch(w -> w.startsWith("DANGLING_CONTACT"));

        // a redelivered row yields the same event id: downstream drops the copy
        EventEnvelope<RecordExtracted> again = tagEvents.get(0);
        TopicProbe.publish(again);
        List<ConsumerRecord<String, EventEnvelope<?>>> copies = List.of();
        long deadline = System.currentTimeMillis() + 20_000;
        while (System.currentTimeMillis() < deadline && copies.size() < 2) {
            copies = TopicProbe.readAll(Topics.RECORDS_MAPPED, id).stream()
                    .filter(r -> r.value().payload() instanceof RecordMapped m && m.sourceTable().equals("tags")
                            && m.sourceId().equals(again.payload().sourceId())).toList();
            sleep(200);
        }
        assertThat(copies).hasSize(2);
        assertThat(copies.get(0).value().id()).isEqualTo(copies.get(1).value().id());
        assertThat(copies.get(0).value().payload()).isEqualTo(copies.get(1).value().payload());
    }

    @Test
    void everyRowGetsExactlyOneVerdictSkipsAndDeletionsIncluded() {
        String id = MapReviewFlowTest.discover("verdicts-" + UUID.randomUUID());
        given().contentType(ContentType.JSON).body(Map.of("approvedBy", "ops@acme.com"))
                .post("/api/migrations/{id}/map/versions/1/approval", id).then().statusCode(200);
        String run = "delta-" + UUID.randomUUID();
        TopicProbe.publish(EventEnvelope.of(id, run, null, new RunStarted(RunStarted.RunKind.DELTA, 1,
                List.of(Phase.ORGANIZATIONS, Phase.PERSONS, Phase.LEADS), 0)));

        // LEADS: named contacts with a company (persons only → SKIP) and without (leads)
        List<JsonNode> named = DB.rows("contacts").stream().filter(c -> !c.get("first_name").isNull()
                && !c.get("last_name").isNull()).toList();
        List<JsonNode> withCompany = named.stream().filter(c -> !c.get("company_id").isNull()).limit(6).toList();
        // the default fixture gives every contact a company: a few copies without one (new ids) are leads
        List<JsonNode> withoutCompany = named.stream().skip(6).limit(4).map(c -> {
            com.fasterxml.jackson.databind.node.ObjectNode lead = c.deepCopy();
            lead.put("id", 800_000 + c.get("id").asLong());
            lead.putNull("company_id");
            return (JsonNode) lead;
        }).toList();
        assertThat(withCompany).hasSize(6);
        List<JsonNode> leadsPhase = new ArrayList<>(withCompany);
        leadsPhase.addAll(withoutCompany);
        List<EventEnvelope<RecordExtracted>> events = new ArrayList<>(rows(id, run, Phase.LEADS, "contacts", leadsPhase));
        // deletions seen by the delta run, in three phases
        for (var d : List.of(Map.entry(Phase.ORGANIZATIONS, "companies"), Map.entry(Phase.PERSONS, "contacts"),
                Map.entry(Phase.LEADS, "contacts"))) {
            events.add(EventEnvelope.of(id, run, d.getKey(), new RecordExtracted(d.getValue(), "900001", null,
                    "ab".repeat(32), RecordExtracted.Change.DELETED)));
        }
        TopicProbe.publishAll(events);

        int expected = leadsPhase.size() + 3;
        List<ConsumerRecord<String, EventEnvelope<?>>> out = TopicProbe.await(Topics.RECORDS_MAPPED, id,
                seen -> seen.size() >= expected, Duration.ofSeconds(60));
        assertThat(TopicProbe.readAll(Topics.RECORDS_REJECTED, id)).as("no row of these is rejected").isEmpty();
        // exactly one verdict per (phase, table, row): nothing lost, nothing doubled
        Map<String, List<RecordMapped>> byRow = new java.util.TreeMap<>();
        for (ConsumerRecord<String, EventEnvelope<?>> r : out) {
            RecordMapped m = (RecordMapped) r.value().payload();
            assertThat(r.key()).isEqualTo(EventKeys.dedup(id, m.dedupKey()));
            assertThat(r.value().runId()).isEqualTo(run);
            byRow.computeIfAbsent(r.value().phase() + "/" + m.sourceTable() + "/" + m.sourceId(), k -> new ArrayList<>())
                    .add(m);
        }
        assertThat(byRow).hasSize(expected).allSatisfy((row, verdicts) -> assertThat(verdicts).as(row).hasSize(1));

        for (JsonNode c : withCompany) {
            String cid = c.get("id").asText();
            RecordMapped skip = byRow.get("LEADS/contacts/" + cid).get(0);
            assertThat(skip.action()).isEqualTo(RecordMapped.Action.SKIP);
            assertThat(skip.object()).isEqualTo("lead");
            assertThat(skip.payload().isObject() && skip.payload().isEmpty()).isTrue();
            assertThat(skip.marker()).isEqualTo("contacts:" + cid + ":lead");
            assertThat(skip.warnings().get(0)).isEqualTo("contact " + cid + " is a Person under the lead rule (linked to"
                    + " company " + c.get("company_id").asText() + "), not a Lead");
        }
        for (JsonNode c : withoutCompany) {
            RecordMapped lead = byRow.get("LEADS/contacts/" + c.get("id").asText()).get(0);
            assertThat(lead.action()).isEqualTo(RecordMapped.Action.UPSERT);
            assertThat(lead.object()).isEqualTo("lead");
        }
        Map<String, String> deletedObject = Map.of("ORGANIZATIONS/companies/900001", "organization",
                "PERSONS/contacts/900001", "person", "LEADS/contacts/900001", "lead");
        deletedObject.forEach((row, object) -> {
            RecordMapped delete = byRow.get(row).get(0);
            assertThat(delete.action()).as(row).isEqualTo(RecordMapped.Action.DELETE);
            assertThat(delete.object()).as(row).isEqualTo(object);
            assertThat(delete.payload().isEmpty()).isTrue();
            assertThat(delete.mapVersion()).isEqualTo(1);
        });
        assertThat(byRow.get("LEADS/contacts/900001").get(0).marker()).isEqualTo("contacts:900001:lead");
        assertThat(byRow.get("PERSONS/contacts/900001").get(0).marker()).isEqualTo("contacts:900001");
    }

    @Test
    void nothingMovesBeforeApproval() {
        String id = MapReviewFlowTest.discover("unapproved-" + UUID.randomUUID());
        TopicProbe.publishAll(rows(id, null, Phase.ORGANIZATIONS, "companies", DB.rows("companies").subList(0, 3)));
        List<ConsumerRecord<String, EventEnvelope<?>>> out = outputs(id, "companies", 3);
        assertThat(out).hasSize(3).allSatisfy(r -> {
            assertThat(r.value().payload()).isInstanceOf(RecordRejected.class);
            assertThat(((RecordRejected) r.value().payload()).reasons().get(0).code()).isEqualTo("NO_APPROVED_MAP");
        });
    }

    @Test
    void aMessageThatIsNoEventGoesToTheDeadLetterTopicWhole() throws Exception {
        String marker = "not-an-event-" + UUID.randomUUID();
        java.util.Properties p = new java.util.Properties();
        p.put("bootstrap.servers", io.atomicmigrate.localstack.LocalStack.shared().kafka().bootstrapServers());
        try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<String, String>(p,
                new org.apache.kafka.common.serialization.StringSerializer(),
                new org.apache.kafka.common.serialization.StringSerializer())) {
            producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(Topics.RECORDS_EXTRACTED, marker,
                    "{\"hello\": \"" + marker + "\"}")).get();
        }
        try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<String, String>(p,
                new org.apache.kafka.common.serialization.StringDeserializer(),
                new org.apache.kafka.common.serialization.StringDeserializer())) {
            var partitions = consumer.partitionsFor(Topics.DEAD_LETTERS).stream()
                    .map(i -> new org.apache.kafka.common.TopicPartition(Topics.DEAD_LETTERS, i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            boolean found = false;
            long deadline = System.currentTimeMillis() + 30_000;
            while (!found && System.currentTimeMillis() < deadline) {
                for (var r : consumer.poll(Duration.ofMillis(300))) {
                    found |= marker.equals(r.key()) && r.value().contains(marker);
                }
            }
            assertThat(found).as("the undecodable message is on " + Topics.DEAD_LETTERS).isTrue();
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

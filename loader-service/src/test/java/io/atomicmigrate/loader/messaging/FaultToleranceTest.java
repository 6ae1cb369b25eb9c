package io.atomicmigrate.loader.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atomicmigrate.common.events.EventEnvelope;
import io.atomicmigrate.common.events.Phase;
import io.atomicmigrate.common.events.payload.DestinationReady;
import io.atomicmigrate.common.events.payload.RecordMapped;
import io.atomicmigrate.common.events.payload.RecordOutcome;
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
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * No duplicates and no loss when Pipedrive misbehaves: 5xx, resets and latency; responses lost
 * after the request reached the sandbox (the create happened, the client timed out); and the state a
 * crash mid-phase leaves behind (open intents with and without a record in Pipedrive, done rows
 * whose outcome was never acknowledged). Counted in the sandbox by marker.
 */
@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
@WithTestResource(LoaderTestResource.class)
class FaultToleranceTest {

    @Inject
    DestinationSetup setup;
    @Inject
    ConfiguredDestinationCredentials credentials;
    @Inject
    PipedriveClientFactory clients;
    @Inject
    IdLedger ledger;

    record Fixture(TestSandbox.Account account, String migrationId, DestinationReady ready) {
    }

    Fixture fixture(String name) {
        TestSandbox.Account a = TestSandbox.newAccount("ultimate");
        String m = name + "-" + UUID.randomUUID();
        credentials.register(m, new DestinationCredentials.Destination(TestSandbox.get().baseUrl(), a.token()));
        // the owner of the records is the account's admin
        DestinationReady ready = setup.setUp(TestMaps.map(m), "h");
        return new Fixture(a, m, ready);
    }

    static List<EventEnvelope<?>> load(Fixture f, Phase phase, int alreadyOut, List<RecordMapped> records) {
        io.atomicmigrate.loader.support.Topics.publishAll(records.stream().map(r -> new EventEnvelope<>(UUID.randomUUID(),
                "record.mapped", f.migrationId(), "run-1", phase, Instant.now(), 1, r)).toList());
        int expected = alreadyOut + records.size();
        List<EventEnvelope<?>> out = io.atomicmigrate.loader.support.Topics.await(Topics.RECORDS_OUTCOMES, f.migrationId(),
                Duration.ofSeconds(90), seen -> seen.size() >= expected);
        assertThat(out).as("outcomes of " + phase).hasSize(expected);
        return out;
    }

    /** Markers of the account's live records of a type, with how many records carry each. */
    static Map<String, Long> markers(Fixture f, String type) {
        String key = f.ready().fieldKeys().get(type + ".Atomic CRM id");
        return TestSandbox.entities(f.account().domain(), type).stream()
                .filter(e -> !e.path("is_deleted").asBoolean(false))
                .collect(Collectors.groupingBy(e -> e.path("custom_fields").path(key).asText(), Collectors.counting()));
    }

    static void assertAllCreatedOnce(List<EventEnvelope<?>> outcomes) {
        assertThat(outcomes).extracting(e -> ((RecordOutcome) e.payload()).outcome())
                .containsOnly(RecordOutcome.Outcome.CREATED);
    }

    @Test
    void serverErrorsResetsAndLatencyNeitherDuplicateNorLose() {
        Fixture f = fixture("faults");
        String domain = f.account().domain();
        TestSandbox.addFault(domain, Map.of("kind", "STATUS", "status", 503, "method", "POST", "probability", 0.25));
        TestSandbox.addFault(domain, Map.of("kind", "RESET", "method", "POST", "probability", 0.1));
        TestSandbox.addFault(domain, Map.of("kind", "LATENCY", "latencyMs", 20, "jitterMs", 80, "probability", 0.5));
        List<RecordMapped> orgs = new ArrayList<>();
        List<RecordMapped> persons = new ArrayList<>();
        List<RecordMapped> notes = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            orgs.add(Records.organization("" + i, "Org " + i, null));
            persons.add(Records.person("" + i, "Person " + i, "p" + i + "@x.example", "" + i, null));
            notes.add(Records.note("" + i, "" + i, "note " + i));
        }
        assertAllCreatedOnce(load(f, Phase.ORGANIZATIONS, 0, orgs));
        assertAllCreatedOnce(load(f, Phase.PERSONS, 12, persons).subList(12, 24));
        assertAllCreatedOnce(load(f, Phase.NOTES, 24, notes).subList(24, 36));

        assertThat(TestSandbox.faultsInjected(domain)).isPositive();
        assertThat(markers(f, "organization")).hasSize(12).allSatisfy((marker, n) -> assertThat(n).as(marker).isOne());
        assertThat(markers(f, "person")).hasSize(12).allSatisfy((marker, n) -> assertThat(n).as(marker).isOne());
        assertThat(TestSandbox.count(domain, "note")).isEqualTo(12);
    }

    @Test
    void aResponseLostAfterTheCreateHappenedIsResolvedByTheMarkerNotRepeated() {
        Fixture f = fixture("timeouts");
        String domain = f.account().domain();
        // the sandbox holds these creates 1.6 s, then performs them; the loader gave up after 1 s
        TestSandbox.addFault(domain, Map.of("kind", "LATENCY", "latencyMs", 1_600, "method", "POST",
                "pathRegex", ".*/organizations$", "times", 3));
        TestSandbox.addFault(domain, Map.of("kind", "LATENCY", "latencyMs", 1_600, "method", "POST",
                "pathRegex", ".*/notes$", "times", 2));
        List<RecordMapped> orgs = new ArrayList<>();
        List<RecordMapped> persons = new ArrayList<>();
        List<RecordMapped> notes = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            orgs.add(Records.organization("" + i, "Org " + i, null));
            persons.add(Records.person("" + i, "Person " + i, "p" + i + "@x.example", "" + i, null));
            notes.add(Records.note("" + i, "" + i, "note " + i));
        }
        assertAllCreatedOnce(load(f, Phase.ORGANIZATIONS, 0, orgs));
        load(f, Phase.PERSONS, 4, persons);
        assertAllCreatedOnce(load(f, Phase.NOTES, 8, notes).subList(8, 12));
        // (the sandbox counts calls when their response ends, so the timed-out creates are not in its counters)
        assertThat(markers(f, "organization")).hasSize(4).allSatisfy((marker, n) -> assertThat(n).as(marker).isOne());
        assertThat(TestSandbox.count(domain, "note")).isEqualTo(4);
    }

    @Test
    void theStateACrashMidPhaseLeavesIsRepairedWithoutDuplicates() {
        Fixture f = fixture("crash");
        String m = f.migrationId();
        PipedriveAccount account = clients.account(TestSandbox.get().baseUrl(), f.account().token());
        String markerKey = f.ready().fieldKeys().get("organization.Atomic CRM id");
        List<RecordMapped> orgs = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            orgs.add(Records.organization("" + i, "Org " + i, null));
        }
        Map<String, Long> createdBeforeCrash = new java.util.HashMap<>();
        for (int i = 1; i <= 2; i++) {
            // crashed after the create reached Pipedrive, before "done": an open intent and a record with the marker
            ledger.intent(m, "companies", "" + i, "organization", "companies:" + i, account.accountId(), "h", "run-1", 1);
            ObjectNode body = JsonNodeFactory.instance.objectNode().put("name", "Org " + i);
            body.putObject("custom_fields").put(markerKey, "companies:" + i);
            createdBeforeCrash.put("" + i, account.v2().create("organizations", body).path("data").path("id").asLong());
        }
        for (int i = 3; i <= 4; i++) {
            // crashed before the request left: an open intent, nothing in Pipedrive
            ledger.intent(m, "companies", "" + i, "organization", "companies:" + i, account.accountId(), "h", "run-1", 1);
        }
        List<EventEnvelope<?>> out = load(f, Phase.ORGANIZATIONS, 0, orgs);
        // record 5 again: written and acknowledged? no: "done" but its outcome was never acknowledged → redelivered
        out = load(f, Phase.ORGANIZATIONS, 6, List.of(orgs.get(4)));
        Map<String, RecordOutcome> bySource = out.stream().map(e -> (RecordOutcome) e.payload())
                .collect(Collectors.toMap(RecordOutcome::sourceId, Function.identity(), (a, b) -> a));
        assertThat(bySource).hasSize(6);
        assertThat(bySource.get("1").pipedriveId()).isEqualTo(createdBeforeCrash.get("1").toString());
        assertThat(bySource.get("2").pipedriveId()).isEqualTo(createdBeforeCrash.get("2").toString());
        List<EventEnvelope<?>> fives = out.stream().filter(e -> ((RecordOutcome) e.payload()).sourceId().equals("5")).toList();
        assertThat(fives).hasSize(2);
        assertThat(fives.get(0).id()).as("the re-published outcome is the same event").isEqualTo(fives.get(1).id());
        assertThat(markers(f, "organization")).hasSize(6).allSatisfy((marker, n) -> assertThat(n).as(marker).isOne());
        assertThat(ledger.all(m)).allSatisfy(e -> assertThat(e.state()).isEqualTo("done"));
        JsonNode counters = TestSandbox.counters(f.account().domain());
        assertThat(counters.path("entity_counts").path("organization").path("total").asLong()).as("including deleted").isEqualTo(6);
    }
}

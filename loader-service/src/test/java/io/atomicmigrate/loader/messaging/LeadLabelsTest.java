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
import io.atomicmigrate.common.events.payload.RecordOutcome.Outcome;
import io.atomicmigrate.common.topics.Topics;
import io.atomicmigrate.loader.repository.DestinationLedger;
import io.atomicmigrate.loader.service.ConfiguredDestinationCredentials;
import io.atomicmigrate.loader.service.DestinationConfig;
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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Tags → person label options (no colour: Pipedrive takes none there) and, since the map creates
 * leads, lead labels in the tag's nearest allowed colour; a lead's tag labels resolve to them.
 */
@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
@WithTestResource(LoaderTestResource.class)
class LeadLabelsTest {

    @Inject
    DestinationSetup setup;
    @Inject
    ConfiguredDestinationCredentials credentials;
    @Inject
    DestinationLedger destinationLedger;

    static RecordMapped tag(String id, String name, String colour) {
        ObjectNode p = JsonNodeFactory.instance.objectNode().put("name", name).put("color", colour);
        return new RecordMapped("tags", id, "label", "label:" + name.toLowerCase(), p, List.of(), List.of(), 1, "tags:" + id);
    }

    static List<EventEnvelope<?>> load(String m, int alreadyOut, List<RecordMapped> records) {
        io.atomicmigrate.loader.support.Topics.publishAll(records.stream().map(r -> new EventEnvelope<>(UUID.randomUUID(),
                "record.mapped", m, "run-1", Phase.PERSONS, Instant.now(), 1, r)).toList());
        int expected = alreadyOut + records.size();
        List<EventEnvelope<?>> out = io.atomicmigrate.loader.support.Topics.await(Topics.RECORDS_OUTCOMES, m,
                Duration.ofSeconds(60), seen -> seen.size() >= expected);
        assertThat(out).hasSize(expected);
        return out;
    }

    @Test
    void tagsBecomeLeadLabelsInTheirNearestColourAndLeadsCarryThem() {
        TestSandbox.Account a = TestSandbox.newAccount("ultimate");
        String m = "lead-labels-" + UUID.randomUUID();
        credentials.register(m, new DestinationCredentials.Destination(TestSandbox.get().baseUrl(), a.token()));
        DestinationReady ready = setup.setUp(TestMaps.map(m), "h");
        assertThat(ready).isNotNull();

        // a name the mapper chose, a raw hex (a map whose colour line copies the value), and "hot",
        // which the account has already (Pipedrive's default Hot, red): found, its colour kept
        List<RecordMapped> tags = List.of(tag("1", "Partner", "purple"), tag("2", "VIP", "#c5dedd"),
                tag("3", "hot", "green"));
        load(m, 0, tags);
        Map<String, JsonNode> leadLabels = TestSandbox.entities(a.domain(), "leadLabel").stream()
                .collect(Collectors.toMap(l -> l.path("name").asText(), Function.identity(), (x, y) -> x));
        assertThat(leadLabels.get("Partner").path("color").asText()).isEqualTo("purple");
        assertThat(leadLabels.get("VIP").path("color").asText()).isEqualTo("blue");
        assertThat(leadLabels.get("Hot").path("color").asText()).isEqualTo("red");
        assertThat(leadLabels).doesNotContainKey("hot");
        assertThat(TestSandbox.calls(a.domain(), "addLeadLabel")).isEqualTo(2);
        Map<String, DestinationLedger.DestinationObject> recorded = destinationLedger.objects(m).stream()
                .filter(o -> o.kind().equals(DestinationConfig.LEAD_LABEL))
                .collect(Collectors.toMap(DestinationLedger.DestinationObject::name, Function.identity()));
        assertThat(recorded.get("tags:1").created()).isTrue();
        assertThat(recorded.get("tags:3").created()).as("the customer's label: rollback keeps it").isFalse();
        assertThat(recorded.get("tags:3").pipedriveId()).isEqualTo(leadLabels.get("Hot").path("id").asText());

        // a lead whose contact has tags 2 and 3: its label_ids are the lead labels' UUIDs
        ObjectNode lead = JsonNodeFactory.instance.objectNode().put("title", "Lee Lead")
                .put("person_id", "person of contacts 4");
        lead.putArray("label_ids").add("label of tags 2").add("label of tags 3");
        RecordMapped leadRecord = new RecordMapped("contacts", "4", "lead", "lead of contacts 4", lead,
                List.of(new RecordMapped.Reference("person_id", "contacts", "4", "person of contacts 4"),
                        new RecordMapped.Reference("label_ids[0]", "tags", "2", "label of tags 2"),
                        new RecordMapped.Reference("label_ids[1]", "tags", "3", "label of tags 3")),
                List.of(), 1, "contacts:4:lead");
        load(m, 3, List.of(Records.person("4", "Lee Lead", "lee@lead.example", null, null)));
        List<EventEnvelope<?>> out = load(m, 4, List.of(leadRecord));
        RecordOutcome leadOutcome = out.stream().map(e -> (RecordOutcome) e.payload())
                .filter(o -> o.object().equals("lead")).findFirst().orElseThrow();
        assertThat(leadOutcome.outcome()).as("%s", leadOutcome).isEqualTo(Outcome.CREATED);
        JsonNode stored = RecordWritesTest.entity(a, "lead", leadOutcome.pipedriveId());
        assertThat(stored.path("label_ids")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder(leadLabels.get("VIP").path("id").asText(), leadLabels.get("Hot").path("id").asText());

        // redelivered tags: nothing new
        load(m, 5, tags);
        assertThat(TestSandbox.calls(a.domain(), "addLeadLabel")).isEqualTo(2);
        assertThat(TestSandbox.count(a.domain(), "leadLabel")).isEqualTo(5); // Hot, Warm, Cold + Partner, VIP
    }
}

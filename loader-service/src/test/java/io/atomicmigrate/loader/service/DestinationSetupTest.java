package io.atomicmigrate.loader.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.atomicmigrate.common.events.payload.DestinationReady;
import io.atomicmigrate.common.map.MigrationMap;
import io.atomicmigrate.loader.client.PipedriveAccount;
import io.atomicmigrate.loader.client.PipedriveClientFactory;
import io.atomicmigrate.loader.repository.DestinationLedger;
import io.atomicmigrate.loader.support.LoaderTestResource;
import io.atomicmigrate.loader.support.TestMaps;
import io.atomicmigrate.loader.support.TestSandbox;
import io.atomicmigrate.localstack.LocalStackTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Destination setup against the sandbox: everything the map needs, by name, and nothing twice. */
@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
@WithTestResource(LoaderTestResource.class)
class DestinationSetupTest {

    private static final List<String> CREATES = List.of("addPipeline", "addStage", "addActivityType", "addPersonField",
            "addOrganizationField", "addDealField", "addPersonFieldOptions", "addOrganizationFieldOptions");

    @Inject
    DestinationSetup setup;
    @Inject
    ConfiguredDestinationCredentials credentials;
    @Inject
    PipedriveClientFactory clients;
    @Inject
    DestinationLedger ledger;

    @Test
    void createsWhatTheMapNeedsOnceAndFindsWhatExistsByName() {
        TestSandbox.Account a = TestSandbox.newAccount("ultimate");
        String migrationId = "setup-" + UUID.randomUUID();
        credentials.register(migrationId, new DestinationCredentials.Destination(TestSandbox.get().baseUrl(), a.token()));
        PipedriveAccount account = clients.account(TestSandbox.get().baseUrl(), a.token());
        // the customer already has a "deals" pipeline and a "Job title" person field: found, not created
        long existingPipeline = account.v2().addPipeline(JsonNodeFactory.instance.objectNode().put("name", "deals"))
                .path("data").path("id").asLong();
        String existingField = account.v2().addField("personFields", JsonNodeFactory.instance.objectNode()
                .put("field_name", "Job Title").put("field_type", "varchar")).path("data").path("field_code").asText();

        MigrationMap map = TestMaps.map(migrationId);
        DestinationReady first = setup.setUp(map, "hash-1");

        assertThat(first.pipelineIds()).containsEntry("", existingPipeline).containsKey("partners");
        assertThat(first.stageIds()).containsKeys("/opportunity", "/proposal-sent", "/won", "partners/opportunity");
        assertThat(first.stageIds().get("/won")).isEqualTo(first.stageIds().get("/proposal-sent"));
        assertThat(first.activityTypes()).containsEntry("email", "email").containsKey("demo");
        assertThat(first.fieldKeys()).containsEntry("person.Job title", existingField);
        assertThat(first.fieldKeys().get("person.Gender")).matches("[0-9a-f]{40}");
        assertThat(first.fieldKeys().get("deal.Atomic CRM id")).matches("[0-9a-f]{40}");
        // 1 pipeline, 2 stages x 2 pipelines, 1 activity type, fields: org 2 + marker, person 1 + marker, deal 1 + marker
        assertThat(first.created()).isEqualTo(1 + 4 + 1 + 3 + 2 + 2 + 5 /* options */);

        // stages in the approved order with their probabilities
        List<JsonNode> stages = TestSandbox.entities(a.domain(), "stage").stream()
                .filter(s -> s.path("pipeline_id").asLong() == existingPipeline)
                .sorted(Comparator.comparingInt(s -> s.path("order_nr").asInt())).collect(Collectors.toList());
        assertThat(stages).extracting(s -> s.path("name").asText()).containsExactly("Opportunity", "Proposal sent");
        assertThat(stages).extracting(s -> s.path("deal_probability").asInt()).containsExactly(10, 50);
        assertThat(TestSandbox.entities(a.domain(), "activityType"))
                .anySatisfy(t -> assertThat(t.path("name").asText()).isEqualTo("Demo"));

        // what it found is recorded as found, what it created as created (rollback removes only the latter)
        Map<String, Boolean> created = ledger.objects(migrationId).stream()
                .collect(Collectors.toMap(o -> o.kind() + ":" + o.name(), DestinationLedger.DestinationObject::created));
        assertThat(created).containsEntry("pipeline:Deals", false).containsEntry("pipeline:Partner deals", true)
                .containsEntry("field:person.Job title", false).containsEntry("marker_field:person", true);

        Map<String, Long> before = CREATES.stream().collect(Collectors.toMap(op -> op, op -> TestSandbox.calls(a.domain(), op)));
        DestinationReady second = setup.setUp(map, "hash-1");
        assertThat(second.created()).isZero();
        assertThat(CREATES.stream().collect(Collectors.toMap(op -> op, op -> TestSandbox.calls(a.domain(), op)))).isEqualTo(before);
        assertThat(second.pipelineIds()).isEqualTo(first.pipelineIds());
        assertThat(second.fieldKeys()).isEqualTo(first.fieldKeys());
    }
}

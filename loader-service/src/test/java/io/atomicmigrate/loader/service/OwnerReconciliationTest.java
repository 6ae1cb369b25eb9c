package io.atomicmigrate.loader.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import io.atomicmigrate.common.events.EventEnvelope;
import io.atomicmigrate.common.events.Phase;
import io.atomicmigrate.common.events.payload.OwnersUnresolved;
import io.atomicmigrate.common.events.payload.RecordMapped;
import io.atomicmigrate.common.events.payload.RecordOutcome;
import io.atomicmigrate.common.topics.Topics;
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
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Unresolved owners block their records, are announced and listed; a re-check or a fallback releases them. */
@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
@WithTestResource(LoaderTestResource.class)
class OwnerReconciliationTest {

    @Inject
    DestinationSetup setup;
    @Inject
    ConfiguredDestinationCredentials credentials;

    @Test
    void theRunWaitsForUnresolvedOwnersUntilProvisionedOrMappedToAFallback() {
        TestSandbox.Account a = TestSandbox.newAccount("ultimate");
        String m = "owners-" + UUID.randomUUID();
        credentials.register(m, new DestinationCredentials.Destination(TestSandbox.get().baseUrl(), a.token()));
        setup.setUp(TestMaps.map(m), "h");

        List<RecordMapped> records = List.of(Records.owner("5", "New.Hire@" + a.domain() + ".example"),
                Records.organization("1", "Blocked Inc", "5"), Records.organization("2", "Fallback Ltd", "6"));
        io.atomicmigrate.loader.support.Topics.publishAll(records.stream().map(r -> new EventEnvelope<>(UUID.randomUUID(),
                "record.mapped", m, "run-1", Phase.ORGANIZATIONS, Instant.now(), 1, r)).toList());

        List<EventEnvelope<?>> events = io.atomicmigrate.loader.support.Topics.await(Topics.MIGRATION_EVENTS, m,
                Duration.ofSeconds(30), seen -> seen.stream().anyMatch(e -> e.payload() instanceof OwnersUnresolved u
                        && u.owners().size() == 2));
        OwnersUnresolved unresolved = (OwnersUnresolved) events.stream().filter(e -> e.payload() instanceof OwnersUnresolved u
                && u.owners().size() == 2).findFirst().orElseThrow().payload();
        assertThat(unresolved.owners()).extracting(OwnersUnresolved.Owner::salesId).containsExactlyInAnyOrder(5L, 6L);
        given().get("/api/migrations/" + m + "/owners").then().statusCode(200)
                .body("unresolved", hasSize(2)).body("unresolved.email", hasItem("New.Hire@" + a.domain() + ".example"));
        // nothing was written while the owners were unresolved
        assertThat(TestSandbox.count(a.domain(), "organization")).isZero();

        // the operator provisions the seat (case differs) and re-checks; owner 6 gets a fallback user
        TestSandbox.addUser(a.domain(), "New Hire", "new.hire@" + a.domain() + ".example", "tok-" + UUID.randomUUID());
        given().post("/api/migrations/" + m + "/owners/recheck").then().statusCode(200).body("unresolved", hasSize(1));
        given().contentType("application/json").body(Map.of("userEmail", "nobody@nowhere.example"))
                .put("/api/migrations/" + m + "/owners/6").then().statusCode(400);
        given().contentType("application/json").body(Map.of("userEmail", a.adminEmail()))
                .put("/api/migrations/" + m + "/owners/6").then().statusCode(200);

        List<EventEnvelope<?>> outcomes = io.atomicmigrate.loader.support.Topics.await(Topics.RECORDS_OUTCOMES, m,
                Duration.ofSeconds(30), seen -> seen.size() >= 3);
        Map<String, RecordOutcome> out = outcomes.stream().map(e -> (RecordOutcome) e.payload())
                .collect(Collectors.toMap(o -> o.table() + "/" + o.sourceId(), o -> o));
        assertThat(out).hasSize(3);
        String newHireId = out.get("sales/5").pipedriveId();
        var orgs = TestSandbox.entities(a.domain(), "organization");
        assertThat(orgs).hasSize(2);
        assertThat(orgs).anySatisfy(o -> {
            assertThat(o.path("name").asText()).isEqualTo("Blocked Inc");
            assertThat(o.path("owner_id").asText()).isEqualTo(newHireId);
        });
        given().get("/api/migrations/" + m + "/owners").then().statusCode(200).body("unresolved", hasSize(0));
    }
}

package io.atomicmigrate.reconciler.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atomicmigrate.common.events.EventEnvelope;
import io.atomicmigrate.common.events.Phase;
import io.atomicmigrate.common.events.payload.DestinationReady;
import io.atomicmigrate.common.events.payload.MigrationVerified;
import io.atomicmigrate.common.events.payload.RecordMapped;
import io.atomicmigrate.common.events.payload.RecordOutcome;
import io.atomicmigrate.common.json.Json;
import io.atomicmigrate.common.topics.Topics;
import io.atomicmigrate.localstack.LocalStackTestResource;
import io.atomicmigrate.reconciler.Pipeline;
import io.atomicmigrate.reconciler.TopicIo;
import io.atomicmigrate.reconciler.client.PipedriveAccount;
import io.atomicmigrate.reconciler.service.DestinationDirectory;
import io.atomicmigrate.sandbox.PipedriveSandbox;
import io.atomicmigrate.sandbox.config.AccountSpec;
import io.atomicmigrate.sandbox.config.SandboxConfig;
import io.atomicmigrate.sandbox.config.UserSpec;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Verification against the Pipedrive sandbox: the records a run loaded are read back with list
 * endpoints and compared field by field with what was sent; a changed value and a record that
 * is gone are reported, and what could not be compared says why.
 */
@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
class VerificationTest {

    private static final String TOKEN = "verify-token";
    private static PipedriveSandbox sandbox;

    @Inject
    DestinationDirectory destinations;

    @BeforeAll
    static void startSandbox() {
        sandbox = PipedriveSandbox.start(SandboxConfig.defaults().limitsEnabled(false)
                .account(AccountSpec.of("verify", "growth", UserSpec.admin("Ada", "ada@verify.example", TOKEN))));
    }

    @AfterAll
    static void stopSandbox() throws Exception {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @Test
    void loadedRecordsAreReadBackAndComparedFieldByField() {
        String m = "mig-verify-" + UUID.randomUUID();
        destinations.register(m, new PipedriveAccount(sandbox.baseUrl(), TOKEN));
        // the account is busy (a loader shares its burst window): the first read of persons gets a 429,
        // the verification waits the Retry-After and carries on rather than giving up
        sandbox.admin().addFault("verify", io.atomicmigrate.sandbox.service.FaultRule
                .of(io.atomicmigrate.sandbox.service.FaultRule.Kind.FORCE_429_BURST).method("GET")
                .path(".*/api/v2/persons.*").times(1));
        TopicIo.publish(Pipeline.mapApproved(m, 1));
        String runId = RunConductingTest.startRun(m, "PRODUCTION", List.of("ORGANIZATIONS", "PERSONS"));
        Pipeline run = new Pipeline(m, runId);

        // what the loader would have written: Acme; Ann as sent, in Acme; Bob with a different name; 3 is not there
        String acme = create("/api/v2/organizations", "{\"name\": \"Acme\"}");
        loadedAcme(m, runId, run, acme);
        TopicIo.await(Topics.MIGRATION_EVENTS, r -> runId.equals(r.event().runId()) && r.event().phase() == Phase.PERSONS
                && r.event().type().equals("phase.started"), l -> !l.isEmpty(), Duration.ofSeconds(30));

        // the loader's setup: an enum and a set person field, announced in destination.ready (sent after the run
        // started, so it starts no sample run)
        JsonPath tier = field("/api/v2/personFields", "{\"field_name\": \"Loyalty tier\", \"field_type\": \"enum\","
                + " \"options\": [{\"label\": \"Gold\"}, {\"label\": \"Silver\"}]}");
        JsonPath languages = field("/api/v2/personFields", "{\"field_name\": \"Languages\", \"field_type\": \"set\","
                + " \"options\": [{\"label\": \"English\"}, {\"label\": \"Arabic\"}, {\"label\": \"French\"}]}");
        String tierKey = tier.getString("field_code");
        String langKey = languages.getString("field_code");
        long gold = option(tier, "Gold");
        long silver = option(tier, "Silver");
        long english = option(languages, "English");
        long arabic = option(languages, "Arabic");
        long french = option(languages, "French");
        TopicIo.publish(EventEnvelope.of(m, new DestinationReady(Map.of(), Map.of(), Map.of(),
                Map.of("person.Loyalty tier", tierKey, "person.Languages", langKey), Map.of(), 0)));

        // Ann as sent (the options as ids); Bob with a different name, and his options changed in Pipedrive since
        String ann = create("/api/v2/persons", "{\"name\": \"Ann\", \"org_id\": " + acme
                + ", \"emails\": [{\"value\": \"ann@acme.com\", \"primary\": true}], \"custom_fields\": {\"" + tierKey
                + "\": " + gold + ", \"" + langKey + "\": [" + arabic + ", " + english + "]}}");
        String bob = create("/api/v2/persons", "{\"name\": \"Bob\", \"custom_fields\": {\"" + tierKey + "\": " + silver
                + ", \"" + langKey + "\": [" + french + "]}}");
        given().baseUri(sandbox.baseUrl()).header("x-api-token", TOKEN).contentType(ContentType.JSON)
                .body("{\"custom_fields\": {\"" + tierKey + "\": " + gold + ", \"" + langKey + "\": [" + french + ", "
                        + english + "]}}")
                .when().patch("/api/v2/persons/" + bob).then().statusCode(200);
        ObjectNode annSent = JsonNodeFactory.instance.objectNode().put("name", "Ann").put("org_id", "organization of companies 7");
        annSent.putArray("emails").addObject().put("value", "ann@acme.com").put("primary", true).put("label", "work");
        ObjectNode annCustom = annSent.putObject("custom_fields").put("Loyalty tier", "gold").put("Nickname", "Annie");
        annCustom.putArray("Languages").add("English").add("Arabic");
        ObjectNode bobSent = JsonNodeFactory.instance.objectNode().put("name", "Bob Smith");
        bobSent.putObject("custom_fields").put("Loyalty tier", "Silver").putArray("Languages").add("French");
        TopicIo.publish(
                run.extracted(Phase.PERSONS, "contacts", "1", Pipeline.row("1", "Ann")),
                run.extracted(Phase.PERSONS, "contacts", "2", Pipeline.row("2", "Bob Smith")),
                run.extracted(Phase.PERSONS, "contacts", "3", Pipeline.row("3", "Gone")),
                mapped(run, "1", annSent, List.of(new RecordMapped.Reference("org_id", "companies", "7",
                        "organization of companies 7"))),
                mapped(run, "2", bobSent, List.of()),
                mapped(run, "3", JsonNodeFactory.instance.objectNode().put("name", "Gone"), List.of()),
                created(run, "1", ann), created(run, "2", bob), created(run, "3", "999999"),
                run.phaseExtracted(Phase.PERSONS, "contacts", 3));
        RunConductingTest.awaitRun(m, runId, r -> "COMPLETE".equals(r.getString("state")));

        // verified by itself once the run reconciled (the account is known), and again on request
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (given().when().get("/migrations/" + m + "/runs/" + runId + "/verification").then().extract()
                .statusCode() != 200) {
            assertThat(System.nanoTime()).as("automatic verification of " + runId).isLessThan(deadline);
            TopicIo.sleep(250);
        }
        JsonPath report = given().when().post("/migrations/" + m + "/runs/" + runId + "/verification").then()
                .statusCode(200).extract().jsonPath();
        assertThat(report.getBoolean("complete")).isFalse();
        assertThat(report.getMap("objects.find { it.object == 'organization' }")).containsEntry("recordsChecked", 1)
                .containsEntry("recordsMissing", 0).containsEntry("fieldsChecked", 1).containsEntry("fieldMismatches", 0);
        String person = "objects.find { it.object == 'person' }";
        // Ann: name, emails, her organization (the link, resolved through the ledger), the enum and the set
        // (option ids read back as labels); Bob: name, the enum and the set, all three changed
        assertThat(report.getMap(person)).containsEntry("recordsChecked", 3).containsEntry("recordsMissing", 1)
                .containsEntry("fieldsChecked", 8).containsEntry("fieldMismatches", 3);
        assertThat(report.getList(person + ".missing", String.class)).containsExactly("contacts/3 → person 999999");
        assertThat(report.getList(person + ".mismatches.sourceId", String.class)).containsExactly("2");
        String bobsFields = person + ".mismatches[0].fields";
        assertThat(report.getList(bobsFields + ".field", String.class))
                .containsExactlyInAnyOrder("name", "custom_fields.Loyalty tier", "custom_fields.Languages");
        assertThat(report.getMap(bobsFields + ".find { it.field == 'name' }"))
                .containsEntry("sent", "\"Bob Smith\"").containsEntry("found", "\"Bob\"");
        assertThat(report.getMap(bobsFields + ".find { it.field == 'custom_fields.Loyalty tier' }"))
                .containsEntry("sent", "\"Silver\"").containsEntry("found", "[Gold (" + gold + ")]");
        assertThat(report.getMap(bobsFields + ".find { it.field == 'custom_fields.Languages' }"))
                .containsEntry("sent", "[\"French\"]")
                .containsEntry("found", "[French (" + french + "), English (" + english + ")]");
        // a field the loader's setup did not announce is still said to be unverified, and why
        assertThat(report.getMap(person + ".notCompared", String.class, Object.class))
                .containsOnlyKeys("custom_fields.Nickname: no field key in destination.ready")
                .doesNotContainKey("org_id: reference resolved by the loader");

        MigrationVerified verified = (MigrationVerified) TopicIo.await(Topics.MIGRATION_EVENTS,
                r -> runId.equals(r.event().runId()) && r.event().type().equals("migration.verified"),
                l -> !l.isEmpty(), Duration.ofSeconds(30)).get(0).event().payload();
        assertThat(verified.complete()).isFalse();
        assertThat(verified.objects()).filteredOn(o -> o.object().equals("person")).singleElement().satisfies(o -> {
            assertThat(o.recordsMissing()).isEqualTo(1);
            assertThat(o.fieldMismatches()).isEqualTo(3);
        });
        given().when().get("/migrations/" + m + "/runs/" + runId + "/verification").then().statusCode(200)
                .body("objects.find { it.object == 'person' }.recordsChecked", org.hamcrest.Matchers.is(3));
    }

    @Test
    void aVerificationPipedriveRefusesIsReportedAsAFailureOfTheRunNotJustLogged() {
        String m = "mig-verify-refused-" + UUID.randomUUID();
        // a token Pipedrive does not know (revoked since the migration started): every read answers 401
        destinations.register(m, new PipedriveAccount(sandbox.baseUrl(), "revoked-token"));
        TopicIo.publish(Pipeline.mapApproved(m, 1));
        String runId = RunConductingTest.startRun(m, "PRODUCTION", List.of("ORGANIZATIONS"));
        Pipeline run = new Pipeline(m, runId);
        String acme = create("/api/v2/organizations", "{\"name\": \"Acme\"}");
        loadedAcme(m, runId, run, acme);

        io.atomicmigrate.common.events.payload.MigrationFailed failed =
                (io.atomicmigrate.common.events.payload.MigrationFailed) TopicIo.await(Topics.MIGRATION_EVENTS,
                        r -> runId.equals(r.event().runId()) && r.event().type().equals("migration.failed"),
                        l -> !l.isEmpty(), Duration.ofSeconds(60)).get(0).event().payload();
        assertThat(failed.code()).isEqualTo("VERIFICATION_FAILED");
        assertThat(failed.message()).contains(runId).contains("401").doesNotContain("revoked-token");
        given().when().get("/migrations/" + m).then().statusCode(200)
                .body("failures.code", org.hamcrest.Matchers.hasItem("VERIFICATION_FAILED"));
    }

    @Test
    void aMigrationWithoutAConfiguredAccountCannotBeVerifiedAndSaysHowToConfigureIt() {
        String m = "mig-noaccount-" + UUID.randomUUID();
        TopicIo.publish(Pipeline.mapApproved(m, 1));
        String runId = RunConductingTest.startRun(m, "PRODUCTION", List.of("ORGANIZATIONS"));
        Pipeline run = new Pipeline(m, runId);
        TopicIo.publish(run.phaseExtracted(Phase.ORGANIZATIONS, "companies", 0));
        RunConductingTest.awaitRun(m, runId, r -> "COMPLETE".equals(r.getString("state")));
        given().when().post("/migrations/" + m + "/runs/" + runId + "/verification").then().statusCode(409)
                .body("code", org.hamcrest.Matchers.is("NO_DESTINATION"))
                .body("message", org.hamcrest.Matchers.containsString("reconciler.destinations"));
    }

    private static EventEnvelope<RecordMapped> mapped(Pipeline run, String id, ObjectNode payload,
                                                      List<RecordMapped.Reference> references) {
        return EventEnvelope.of(run.migrationId(), run.runId(), Phase.PERSONS, new RecordMapped("contacts", id, "person",
                "contacts:" + id, payload, references, List.of(), 1, "contacts:" + id));
    }

    private static EventEnvelope<RecordOutcome> created(Pipeline run, String id, String pipedriveId) {
        return EventEnvelope.of(run.migrationId(), run.runId(), Phase.PERSONS, new RecordOutcome("contacts", id,
                RecordOutcome.Outcome.CREATED, "person", pipedriveId, null));
    }

    private static JsonPath field(String path, String body) {
        return given().baseUri(sandbox.baseUrl()).header("x-api-token", TOKEN).contentType(ContentType.JSON).body(body)
                .when().post(path).then().statusCode(200).extract().jsonPath().setRootPath("data");
    }

    private static long option(JsonPath field, String label) {
        return field.getLong("options.find { it.label == '" + label + "' }.id");
    }

    private static String create(String path, String body) {
        return String.valueOf(given().baseUri(sandbox.baseUrl()).header("x-api-token", TOKEN).contentType(ContentType.JSON)
                .body(body).when().post(path).then().statusCode(200).extract().path("data.id").toString());
    }

    /** What the extractor, the mapper and the loader publish for one organization (companies/7, Acme) created as {@code acme}. */
    private static void loadedAcme(String m, String runId, Pipeline run, String acme) {
        TopicIo.publish(run.extracted(Phase.ORGANIZATIONS, "companies", "7", Pipeline.row("7", "Acme")),
                EventEnvelope.of(m, runId, Phase.ORGANIZATIONS, new RecordMapped("companies", "7", "organization",
                        "acme", JsonNodeFactory.instance.objectNode().put("name", "Acme"), List.of(), List.of(), 1,
                        "companies:7")),
                EventEnvelope.of(m, runId, Phase.ORGANIZATIONS, new RecordOutcome("companies", "7",
                        RecordOutcome.Outcome.CREATED, "organization", acme, null)),
                run.phaseExtracted(Phase.ORGANIZATIONS, "companies", 1));
    }
}

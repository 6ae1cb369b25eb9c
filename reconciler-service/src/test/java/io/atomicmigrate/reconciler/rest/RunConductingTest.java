package io.atomicmigrate.reconciler.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atomicmigrate.common.events.EventEnvelope;
import io.atomicmigrate.common.events.Phase;
import io.atomicmigrate.common.events.payload.DestinationReady;
import io.atomicmigrate.common.events.payload.PhaseCompleted;
import io.atomicmigrate.common.events.payload.PhaseExtracted;
import io.atomicmigrate.common.events.payload.RecordExtracted;
import io.atomicmigrate.common.events.payload.RecordOutcome.Outcome;
import io.atomicmigrate.common.events.payload.ReconciliationReport;
import io.atomicmigrate.common.events.payload.RunStarted;
import io.atomicmigrate.common.topics.Topics;
import io.atomicmigrate.localstack.LocalStackTestResource;
import io.atomicmigrate.reconciler.Pipeline;
import io.atomicmigrate.reconciler.TopicIo;
import io.atomicmigrate.reconciler.TopicIo.Read;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.io.StringReader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/**
 * The reconciler conducting runs against the real broker and database, with the test playing
 * the extractor, mapper and loader on their topics: gating by DESIGN §7, redelivery that never
 * counts twice, reports on the compacted topic, skip files, sample → confirmation → production,
 * retries of rejected and failed records, and stalled phases.
 */
@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
public class RunConductingTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void aSampleRunIsGatedPhaseByPhaseCountsRedeliveriesOnceAndWaitsForConfirmation() throws Exception {
        String m = "mig-sample-" + UUID.randomUUID();
        TopicIo.publish(Pipeline.mapApproved(m, 3));
        String runId = startRun(m, "SAMPLE", List.of("ORGANIZATIONS", "PERSONS"));
        Pipeline run = new Pipeline(m, runId);

        Read started = awaitLifecycle(runId, e -> e.type().equals("run.started"), 1).get(0);
        assertThat(started.key()).isEqualTo(m);
        RunStarted payload = (RunStarted) started.event().payload();
        assertThat(payload.kind()).isEqualTo(RunStarted.RunKind.SAMPLE);
        assertThat(payload.mapVersion()).isEqualTo(3);
        assertThat(payload.phases()).containsExactly(Phase.ORGANIZATIONS, Phase.PERSONS);
        awaitLifecycle(runId, e -> e.type().equals("phase.started") && e.phase() == Phase.ORGANIZATIONS, 1);

        // every row of the phase mapped and loaded, but the extractor's count has not arrived: no gate
        var org1 = run.extracted(Phase.ORGANIZATIONS, "companies", "1", Pipeline.row("1", "Acme"));
        var org2 = run.extracted(Phase.ORGANIZATIONS, "companies", "2", Pipeline.row("2", "Globex"));
        TopicIo.publish(org1, org2, run.mapped(Phase.ORGANIZATIONS, "companies", "1", "organization"),
                run.mapped(Phase.ORGANIZATIONS, "companies", "2", "organization"),
                run.outcome(Phase.ORGANIZATIONS, "companies", "1", "organization", Outcome.CREATED),
                run.outcome(Phase.ORGANIZATIONS, "companies", "2", "organization", Outcome.MERGED));
        awaitPhase(m, runId, "ORGANIZATIONS", p -> p.getLong("report.counts.created") == 1
                && p.getLong("report.counts.merged") == 1);
        TopicIo.sleep(1500);
        assertThat(phaseState(m, runId, "ORGANIZATIONS")).isEqualTo("RUNNING");
        assertThat(lifecycle(runId, e -> e.type().equals("phase.started") && e.phase() == Phase.PERSONS)).isEmpty();

        TopicIo.publish(run.phaseExtracted(Phase.ORGANIZATIONS, "companies", 2));
        Read completed = awaitLifecycle(runId, e -> e.type().equals("phase.completed")
                && e.phase() == Phase.ORGANIZATIONS, 1).get(0);
        assertThat(((PhaseCompleted) completed.event().payload()).counts().extracted()).isEqualTo(2);
        awaitLifecycle(runId, e -> e.type().equals("phase.started") && e.phase() == Phase.PERSONS, 1);

        // persons: one created, one failed by Pipedrive, one rejected by the mapper; every event delivered twice
        ObjectNode badRow = Pipeline.row("3", "No Mail");
        String awkward = "'not, an \"e-mail\"'\nsecond line";
        List<EventEnvelope<?>> persons = List.of(
                run.extracted(Phase.PERSONS, "contacts", "1", Pipeline.row("1", "Ann")),
                run.extracted(Phase.PERSONS, "contacts", "2", Pipeline.row("2", "Bob")),
                run.extracted(Phase.PERSONS, "contacts", "3", badRow),
                // the loader's outcome overtakes the mapper's event: order across topics is not guaranteed
                run.outcome(Phase.PERSONS, "contacts", "1", "person", Outcome.CREATED),
                run.mapped(Phase.PERSONS, "contacts", "1", "person"),
                run.mapped(Phase.PERSONS, "contacts", "2", "person"),
                run.rejected(Phase.PERSONS, "contacts", "3", "INVALID_EMAIL", awkward, badRow),
                run.outcome(Phase.PERSONS, "contacts", "2", "person", Outcome.FAILED),
                run.phaseExtracted(Phase.PERSONS, "contacts", 3));
        for (EventEnvelope<?> e : persons) {
            TopicIo.publish(e, e);
        }
        TopicIo.publish(persons.toArray(EventEnvelope<?>[]::new)); // and the whole lot once more, as after a rebalance

        JsonPath sample = awaitRun(m, runId, r -> "AWAITING_CONFIRMATION".equals(r.getString("state")));
        Map<String, Object> counts = sample.getMap("phases.find { it.phase == 'PERSONS' }.report.counts");
        assertThat(counts).containsEntry("extracted", 3).containsEntry("mapped", 2).containsEntry("rejected", 1)
                .containsEntry("created", 1).containsEntry("failed", 1).containsEntry("merged", 0);
        assertThat(sample.getMap("phases.find { it.phase == 'PERSONS' }.report.rejectedByReason"))
                .isEqualTo(Map.of("INVALID_EMAIL", 1));
        assertThat(sample.getMap("phases.find { it.phase == 'PERSONS' }.report.failedByError"))
                .isEqualTo(Map.of("PIPEDRIVE_400", 1));
        assertThat(sample.getLong("totals.counts.extracted")).isEqualTo(5);
        assertThat(lifecycle(runId, e -> e.type().equals("phase.completed"))).hasSize(2);

        // reports on the compacted topic, keyed migration/run/phase; the latest per key is final
        ReconciliationReport personsReport = latestReport(m + "/" + runId + "/PERSONS");
        assertThat(personsReport.state()).isEqualTo(ReconciliationReport.State.COMPLETE);
        assertThat(personsReport.invariantHolds()).isTrue();
        assertThat(personsReport.counts().extracted()).isEqualTo(3);
        assertThat(personsReport.expectedRows()).isEqualTo(3);
        assertThat(personsReport.checksum()).isEqualTo(personsReport.expectedChecksum()).isNotNull();
        assertThat(latestReport(m + "/" + runId + "/RUN").counts().created()).isEqualTo(2);

        // the same report over REST, and the skip file
        given().when().get("/migrations/" + m + "/runs/" + runId + "/phases/PERSONS/report").then().statusCode(200)
                .body("counts.rejected", org.hamcrest.Matchers.is(1)).body("state", org.hamcrest.Matchers.is("COMPLETE"));
        String csv = given().when().get("/migrations/" + m + "/runs/" + runId + "/skips.csv").then().statusCode(200)
                .contentType(org.hamcrest.Matchers.startsWith("text/csv")).extract().asString();
        List<CSVRecord> skips = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build()
                .parse(new StringReader(csv)).getRecords();
        assertThat(skips).extracting(r -> r.get("source_id") + " " + r.get("status") + " " + r.get("code"))
                .containsExactlyInAnyOrder("3 REJECTED INVALID_EMAIL", "2 FAILED PIPEDRIVE_400");
        assertThat(skips).filteredOn(r -> r.get("source_id").equals("3")).first()
                .satisfies(r -> assertThat(r.get("message")).isEqualTo(awkward));

        // the person confirms the sample: the production run starts with the same phases, once
        String production = given().contentType(ContentType.JSON).body("{\"confirmedBy\": \"ops@acme.com\"}")
                .when().post("/migrations/" + m + "/runs/" + runId + "/confirm").then().statusCode(200)
                .body("kind", org.hamcrest.Matchers.is("PRODUCTION")).extract().path("runId");
        given().contentType(ContentType.JSON).body("{\"confirmedBy\": \"ops@acme.com\"}")
                .when().post("/migrations/" + m + "/runs/" + runId + "/confirm").then().statusCode(200)
                .body("runId", org.hamcrest.Matchers.is(production));
        awaitLifecycle(production, e -> e.type().equals("phase.started") && e.phase() == Phase.ORGANIZATIONS, 1);
        given().when().get("/migrations/" + m).then().statusCode(200)
                .body("stage", org.hamcrest.Matchers.is("PRODUCTION_RUNNING"))
                .body("approvedMapVersion", org.hamcrest.Matchers.is(3))
                .body("runs.find { it.runId == '" + runId + "' }.confirmedBy", org.hamcrest.Matchers.is("ops@acme.com"));
        assertThat(lifecycle(production, e -> e.type().equals("run.started"))).hasSize(1);
    }

    @Test
    void aRetryReRequestsExactlyTheRejectedAndFailedRecordsAndNothingTwice() {
        String m = "mig-retry-" + UUID.randomUUID();
        TopicIo.publish(Pipeline.mapApproved(m, 1));
        String runId = startRun(m, "PRODUCTION", List.of("PERSONS"));
        Pipeline run = new Pipeline(m, runId);
        awaitLifecycle(runId, e -> e.type().equals("phase.started"), 1);
        ObjectNode rejectedRow = Pipeline.row("3", "Rejected Row");
        ObjectNode failedRow = Pipeline.row("2", "Failed Row");
        TopicIo.publish(run.extracted(Phase.PERSONS, "contacts", "1", Pipeline.row("1", "Ann")),
                run.extracted(Phase.PERSONS, "contacts", "2", failedRow),
                run.extracted(Phase.PERSONS, "contacts", "3", rejectedRow),
                run.mapped(Phase.PERSONS, "contacts", "1", "person"), run.mapped(Phase.PERSONS, "contacts", "2", "person"),
                run.rejected(Phase.PERSONS, "contacts", "3", "INVALID_EMAIL", "bad", rejectedRow),
                run.outcome(Phase.PERSONS, "contacts", "1", "person", Outcome.CREATED),
                run.outcome(Phase.PERSONS, "contacts", "2", "person", Outcome.FAILED),
                run.phaseExtracted(Phase.PERSONS, "contacts", 3));
        awaitRun(m, runId, r -> "COMPLETE".equals(r.getString("state")));

        // the map is fixed (version 2 approved); the retry run uses it and re-requests two rows
        TopicIo.publish(Pipeline.mapApproved(m, 2));
        String retryId = retryWhenMapSeen(m, runId, 2);
        List<Read> republished = TopicIo.await(Topics.RECORDS_EXTRACTED, r -> retryId.equals(r.event().runId()),
                l -> l.size() >= 2, WAIT);
        TopicIo.sleep(500);
        republished = TopicIo.readAll(Topics.RECORDS_EXTRACTED).stream().filter(r -> retryId.equals(r.event().runId())).toList();
        assertThat(republished).extracting(r -> ((RecordExtracted) r.event().payload()).sourceId())
                .containsExactlyInAnyOrder("2", "3");
        assertThat(republished).extracting(Read::key).containsExactlyInAnyOrder(m + "/contacts/2", m + "/contacts/3");
        // the rows as they were extracted (compared as JSON text: numbers come back as other node types)
        assertThat(republished).extracting(r -> ((RecordExtracted) r.event().payload()).row().toString())
                .containsExactlyInAnyOrder(failedRow.toString(), rejectedRow.toString());
        Read announced = awaitLifecycle(retryId, e -> e.type().equals("phase.extracted"), 1).get(0);
        assertThat(((PhaseExtracted) announced.event().payload()).rowCount()).isEqualTo(2);
        RunStarted retryStart = (RunStarted) awaitLifecycle(retryId, e -> e.type().equals("run.started"), 1).get(0)
                .event().payload();
        assertThat(retryStart.kind()).isEqualTo(RunStarted.RunKind.RETRY);
        assertThat(retryStart.retryOf()).isEqualTo(runId);
        assertThat(retryStart.mapVersion()).isEqualTo(2);
        // the extractor is not asked to read the source again
        assertThat(lifecycle(retryId, e -> e.type().equals("phase.started"))).isEmpty();

        // a second retry while this one runs is refused
        given().when().post("/migrations/" + m + "/runs/" + runId + "/retries").then().statusCode(409)
                .body("code", org.hamcrest.Matchers.is("RUN_IN_PROGRESS"));

        // mapper and loader handle the retried rows: both load now
        Pipeline retry = new Pipeline(m, retryId);
        TopicIo.publish(retry.mapped(Phase.PERSONS, "contacts", "2", "person"),
                retry.mapped(Phase.PERSONS, "contacts", "3", "person"),
                retry.outcome(Phase.PERSONS, "contacts", "2", "person", Outcome.CREATED),
                retry.outcome(Phase.PERSONS, "contacts", "3", "person", Outcome.CREATED));
        JsonPath done = awaitRun(m, retryId, r -> "COMPLETE".equals(r.getString("state")));
        assertThat(done.getLong("totals.counts.created")).isEqualTo(2);
        assertThat(done.getString("retryOf")).isEqualTo(runId);

        // the record's own ledger: failed in the run, created by the retry; the rejected one likewise
        given().when().get("/migrations/" + m + "/records/contacts/2").then().statusCode(200)
                .body("runId", org.hamcrest.Matchers.contains(runId, retryId))
                .body("status", org.hamcrest.Matchers.contains("FAILED", "CREATED"))
                .body("[0].errorCode", org.hamcrest.Matchers.is("PIPEDRIVE_400"))
                .body("[1].pipedriveId", org.hamcrest.Matchers.is("92"));
        given().when().get("/migrations/" + m + "/records/contacts/3").then().statusCode(200)
                .body("status", org.hamcrest.Matchers.contains("REJECTED", "CREATED"))
                .body("[0].reasons[0].code", org.hamcrest.Matchers.is("INVALID_EMAIL"));

        // nothing is left to retry, from the original run or from the retry
        given().when().post("/migrations/" + m + "/runs/" + runId + "/retries").then().statusCode(409)
                .body("code", org.hamcrest.Matchers.is("NOTHING_TO_RETRY"));
        given().when().post("/migrations/" + m + "/runs/" + retryId + "/retries").then().statusCode(409)
                .body("code", org.hamcrest.Matchers.is("NOTHING_TO_RETRY"));
    }

    @Test
    void aPhaseThatStopsMovingUnbalancedIsStalledNotCompletedUntilAPersonAcceptsIt() {
        String m = "mig-stall-" + UUID.randomUUID();
        given().contentType(ContentType.JSON).body("{\"kind\": \"PRODUCTION\"}").when().post("/migrations/" + m + "/runs")
                .then().statusCode(409).body("code", org.hamcrest.Matchers.is("NO_APPROVED_MAP"));
        TopicIo.publish(Pipeline.mapApproved(m, 1));
        String runId = startRun(m, "PRODUCTION", List.of("LEADS", "DEALS"));
        given().contentType(ContentType.JSON).body("{\"kind\": \"PRODUCTION\"}").when().post("/migrations/" + m + "/runs")
                .then().statusCode(409).body("code", org.hamcrest.Matchers.is("RUN_IN_PROGRESS"));
        Pipeline run = new Pipeline(m, runId);
        awaitLifecycle(runId, e -> e.type().equals("phase.started"), 1);
        // contact 2 gets no mapper verdict at all (a mapper that lost it): silence is never read as a skip
        TopicIo.publish(run.extracted(Phase.LEADS, "contacts", "1", Pipeline.row("1", "Lead")),
                run.extracted(Phase.LEADS, "contacts", "2", Pipeline.row("2", "Person only")),
                run.mapped(Phase.LEADS, "contacts", "1", "lead"),
                run.outcome(Phase.LEADS, "contacts", "1", "lead", Outcome.CREATED),
                run.phaseExtracted(Phase.LEADS, "contacts", 2));
        awaitPhase(m, runId, "LEADS", p -> "STALLED".equals(p.getString("state")));
        assertThat(lifecycle(runId, e -> e.type().equals("phase.started") && e.phase() == Phase.DEALS)).isEmpty();
        ReconciliationReport stalled = latestReport(m + "/" + runId + "/LEADS");
        assertThat(stalled.state()).isEqualTo(ReconciliationReport.State.STALLED);
        assertThat(stalled.note()).contains("1 row(s) without a mapper verdict (mapped, skipped or rejected)");
        assertThat(stalled.awaitingMapping()).isEqualTo(1);

        given().contentType(ContentType.JSON).body("{\"acceptedBy\": \"ops@acme.com\", \"note\": \"not a lead\"}")
                .when().post("/migrations/" + m + "/runs/" + runId + "/phases/LEADS/accept").then().statusCode(202);
        awaitLifecycle(runId, e -> e.type().equals("phase.started") && e.phase() == Phase.DEALS, 1);
        JsonPath leads = awaitPhase(m, runId, "LEADS", p -> "COMPLETE".equals(p.getString("state")));
        assertThat(leads.getString("acceptedBy")).isEqualTo("ops@acme.com");
        assertThat(leads.getBoolean("report.invariantHolds")).isFalse();
        assertThat(leads.getString("report.note")).contains("accepted by ops@acme.com").contains("not a lead");
        // accepting a phase that is not stalled is refused
        given().contentType(ContentType.JSON).body("{\"acceptedBy\": \"ops@acme.com\"}")
                .when().post("/migrations/" + m + "/runs/" + runId + "/phases/DEALS/accept").then().statusCode(409)
                .body("code", org.hamcrest.Matchers.is("PHASE_NOT_STALLED"));

        // the extractor fails on DEALS: the phase stalls, and its report says what was reported
        TopicIo.publish(EventEnvelope.of(m, runId, Phase.DEALS, new io.atomicmigrate.common.events.payload.MigrationFailed(
                "EXTRACTION_FAILED", "extracting phase DEALS failed: connection reset", "extractor-service")));
        JsonPath deals = awaitPhase(m, runId, "DEALS", p -> "STALLED".equals(p.getString("state")));
        assertThat(deals.getString("report.note")).contains("has not announced phase.extracted")
                .contains("EXTRACTION_FAILED (extractor-service): extracting phase DEALS failed: connection reset");
    }

    @Test
    void explicitSkipsAndDeletionsAreCountedAndBalanceTheirPhase() {
        String m = "mig-skips-" + UUID.randomUUID();
        TopicIo.publish(Pipeline.mapApproved(m, 1));
        String runId = startRun(m, "DELTA", List.of("LEADS", "DEALS"));
        Pipeline run = new Pipeline(m, runId);
        awaitLifecycle(runId, e -> e.type().equals("phase.started"), 1);
        String why = "contact 2 is a Person under the lead rule (linked to company 7), not a Lead";
        // 1: a new lead; 2: a person only (SKIP, no outcome expected); 3: deleted in the source (DELETE → DELETED)
        TopicIo.publish(run.extracted(Phase.LEADS, "contacts", "1", Pipeline.row("1", "Lead")),
                run.extracted(Phase.LEADS, "contacts", "2", Pipeline.row("2", "Person only")),
                run.deletedRow(Phase.LEADS, "contacts", "3"),
                run.mapped(Phase.LEADS, "contacts", "1", "lead"),
                run.skipped(Phase.LEADS, "contacts", "2", "lead", why),
                run.delete(Phase.LEADS, "contacts", "3", "lead"),
                run.outcome(Phase.LEADS, "contacts", "1", "lead", Outcome.CREATED),
                run.outcome(Phase.LEADS, "contacts", "3", "lead", Outcome.DELETED),
                run.phaseExtracted(Phase.LEADS, "contacts", 3));
        awaitLifecycle(runId, e -> e.type().equals("phase.started") && e.phase() == Phase.DEALS, 1);
        JsonPath leads = awaitPhase(m, runId, "LEADS", p -> "COMPLETE".equals(p.getString("state")));
        assertThat(leads.getMap("report.counts")).containsEntry("extracted", 3).containsEntry("mapped", 2)
                .containsEntry("skipped", 1).containsEntry("rejected", 0).containsEntry("created", 1)
                .containsEntry("deleted", 1);
        assertThat(leads.getBoolean("report.invariantHolds")).isTrue();
        assertThat(leads.getLong("report.awaitingMapping")).isZero();
        assertThat(leads.getString("report.note")).isNull();
        assertThat(leads.getString("acceptedBy")).isNull();
        assertThat(leads.getLong("settled")).isEqualTo(3);
        // on the compacted topic and in phase.completed too
        ReconciliationReport report = latestReport(m + "/" + runId + "/LEADS");
        assertThat(report.counts().skipped()).isEqualTo(1);
        assertThat(report.counts().deleted()).isEqualTo(1);
        Read completed = awaitLifecycle(runId, e -> e.type().equals("phase.completed") && e.phase() == Phase.LEADS, 1)
                .get(0);
        assertThat(((PhaseCompleted) completed.event().payload()).counts().skipped()).isEqualTo(1);
        // the record's status says skipped, and why
        given().when().get("/migrations/" + m + "/records/contacts/2").then().statusCode(200)
                .body("[0].status", org.hamcrest.Matchers.is("SKIPPED"))
                .body("[0].reasons[0].message", org.hamcrest.Matchers.is(why));
        // a skip is not a problem: not in the skip file
        String csv = given().when().get("/migrations/" + m + "/runs/" + runId + "/skips.csv").then().statusCode(200)
                .extract().asString();
        assertThat(csv).doesNotContain("Person under the lead rule");
    }

    @Test
    void destinationReadyStartsOneSampleRunEvenWhenRedelivered() {
        String m = "mig-auto-" + UUID.randomUUID();
        EventEnvelope<DestinationReady> ready = EventEnvelope.of(m, new DestinationReady(Map.of(), Map.of(), Map.of(),
                Map.of(), Map.of(), 0));
        TopicIo.publish(Pipeline.mapApproved(m, 1), ready, ready);
        List<Read> starts = TopicIo.await(Topics.MIGRATION_EVENTS, r -> m.equals(r.event().migrationId())
                && r.event().type().equals("run.started"), l -> !l.isEmpty(), WAIT);
        TopicIo.sleep(1000);
        given().when().get("/migrations/" + m + "/runs").then().statusCode(200)
                .body("size()", org.hamcrest.Matchers.is(1))
                .body("[0].kind", org.hamcrest.Matchers.is("SAMPLE"))
                .body("[0].sampleSize", org.hamcrest.Matchers.is(20));
        assertThat(starts.get(0).event().runId()).isNotBlank();
    }

    // --- helpers ---

    /** Starts a run over REST once the reconciler has seen the map approval (it is consumed asynchronously). */
    @Test
    void twoMigrationsAtOnceNeverShareARunIdAndAForeignRunStartedIsNotAdopted() throws Exception {
        String a = "mig-" + UUID.randomUUID();
        String b = "mig-" + UUID.randomUUID();
        TopicIo.publish(Pipeline.mapApproved(a, 1), Pipeline.mapApproved(b, 1));
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var runA = pool.submit(() -> startRun(a, "SAMPLE", List.of("ORGANIZATIONS")));
            var runB = pool.submit(() -> startRun(b, "SAMPLE", List.of("ORGANIZATIONS")));
            String idA = runA.get(90, java.util.concurrent.TimeUnit.SECONDS);
            String idB = runB.get(90, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(idA).isNotEqualTo(idB);
            assertThat(idA).startsWith(a.substring(0, 12) + "-sample-");
            assertThat(idB).startsWith(b.substring(0, 12) + "-sample-");
            // another conductor announcing a run of B under A's run id: A's run stays A's, B gets none
            TopicIo.publish(EventEnvelope.of(b, idA, null, new RunStarted(RunStarted.RunKind.PRODUCTION, 1,
                    List.of(Phase.ORGANIZATIONS), 0)));
            awaitLifecycle(idA, e -> e.type().equals("run.started") && e.migrationId().equals(b), 1);
            TopicIo.sleep(1000);
            given().when().get("/migrations/" + a + "/runs/" + idA).then().statusCode(200)
                    .body("kind", org.hamcrest.Matchers.is("SAMPLE"));
            given().when().get("/migrations/" + b + "/runs/" + idA).then().statusCode(404);
            given().when().get("/migrations/" + b + "/runs").then().statusCode(200)
                    .body("runId", org.hamcrest.Matchers.contains(idB));
        } finally {
            pool.shutdownNow();
        }
    }

    public static String startRun(String m, String kind, List<String> phases) {
        String body = "{\"kind\": \"" + kind + "\", \"sampleSize\": 2, \"phases\": "
                + phases.stream().map(p -> "\"" + p + "\"").toList() + "}";
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            var response = given().contentType(ContentType.JSON).body(body).when().post("/migrations/" + m + "/runs")
                    .then().extract();
            if (response.statusCode() == 201) {
                return response.path("runId");
            }
            assertThat(response.statusCode()).as(response.asString()).isEqualTo(409);
            assertThat(response.<String>path("code")).isEqualTo("NO_APPROVED_MAP");
            if (System.nanoTime() > deadline) {
                throw new AssertionError("map approval of " + m + " never reached the reconciler");
            }
            TopicIo.sleep(200);
        }
    }

    /** Asks for a retry once the reconciler has seen map version {@code version} approved. */
    private static String retryWhenMapSeen(String m, String runId, int version) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            Integer approved = given().when().get("/migrations/" + m).then().statusCode(200).extract()
                    .path("approvedMapVersion");
            if (approved != null && approved == version) {
                return given().when().post("/migrations/" + m + "/runs/" + runId + "/retries").then().statusCode(201)
                        .body("kind", org.hamcrest.Matchers.is("RETRY")).extract().path("runId");
            }
            TopicIo.sleep(200);
        }
        throw new AssertionError("map version " + version + " of " + m + " never reached the reconciler");
    }

    public static JsonPath awaitRun(String m, String runId, Predicate<JsonPath> done) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        JsonPath run = null;
        while (System.nanoTime() < deadline) {
            run = given().when().get("/migrations/" + m + "/runs/" + runId).then().statusCode(200).extract().jsonPath();
            if (done.test(run)) {
                return run;
            }
            TopicIo.sleep(250);
        }
        throw new AssertionError("run " + runId + " is still " + (run == null ? null : run.prettify()));
    }

    public static JsonPath awaitPhase(String m, String runId, String phase, Predicate<JsonPath> done) {
        JsonPath[] found = new JsonPath[1];
        awaitRun(m, runId, run -> {
            Map<String, Object> p = run.getMap("phases.find { it.phase == '" + phase + "' }");
            if (p == null || p.get("report") == null && !"COMPLETE".equals(p.get("state"))) {
                return false;
            }
            found[0] = new JsonPath(io.atomicmigrate.common.json.Json.mapper().valueToTree(p).toString());
            return done.test(found[0]);
        });
        return found[0];
    }

    private static String phaseState(String m, String runId, String phase) {
        return given().when().get("/migrations/" + m + "/runs/" + runId).then().statusCode(200).extract().jsonPath()
                .getString("phases.find { it.phase == '" + phase + "' }.state");
    }

    private static List<Read> lifecycle(String runId, Predicate<EventEnvelope<?>> match) {
        return TopicIo.readAll(Topics.MIGRATION_EVENTS).stream()
                .filter(r -> runId.equals(r.event().runId()) && match.test(r.event())).toList();
    }

    private static List<Read> awaitLifecycle(String runId, Predicate<EventEnvelope<?>> match, int count) {
        return TopicIo.await(Topics.MIGRATION_EVENTS, r -> runId.equals(r.event().runId()) && match.test(r.event()),
                l -> l.size() >= count, WAIT);
    }

    private static ReconciliationReport latestReport(String key) {
        List<Read> reports = TopicIo.readAll(Topics.RECONCILIATION_REPORTS).stream().filter(r -> key.equals(r.key()))
                .toList();
        assertThat(reports).as("reports under key " + key).isNotEmpty();
        return (ReconciliationReport) reports.get(reports.size() - 1).event().payload();
    }
}

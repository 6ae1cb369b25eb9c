package io.atomicmigrate.demo.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.atomicmigrate.demo.client.MigrationRequest;
import io.atomicmigrate.demo.client.PlatformApi;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Takes one migration through DESIGN §1 on a running platform, the way a person would with the
 * REST APIs: register → discover → wait for the proposed map → approve → (owners, destination
 * setup and the sample run happen on their own) → confirm the sample → production → verification.
 *
 * <p>The two human decisions are explicit: with {@code autoApprove}/{@code autoConfirm} off it
 * prints what to do and waits for a person to do it; with them on it does it and says so.
 */
public final class MigrationDriver {

    private final PlatformApi api;
    private final ProgressListener listener;
    private final Duration timeout;
    private final Runnable healthCheck;

    public MigrationDriver(PlatformApi api, ProgressListener listener, Duration timeout, Runnable healthCheck) {
        this.api = api;
        this.listener = listener;
        this.timeout = timeout;
        this.healthCheck = healthCheck;
    }

    /** Registers the migration and runs it to a verified production run. */
    public Result run(MigrationRequest request, boolean autoApprove, boolean autoConfirm) throws InterruptedException {
        String migrationId = api.createMigration(request);
        listener.step(migrationId, "registered (connections checked): " + request);
        JsonNode discovery = api.discover(migrationId);
        listener.step(migrationId, "discovered: " + discoverySummary(discovery));

        JsonNode review = await("the proposed map", () -> api.map(migrationId));
        JsonNode map = review.path("map");
        int version = map.path("version").asInt();
        listener.step(migrationId, "map v" + version + " proposed with " + review.path("issues").size() + " review notes");
        if (autoApprove) {
            api.approve(migrationId, version, "demo --auto-approve", map.path("hash").asText());
            listener.step(migrationId, "map v" + version + " APPROVED AUTOMATICALLY because of --auto-approve "
                    + "(a person reviews it on the mapper's /review page otherwise)");
        } else {
            listener.step(migrationId, "waiting for a person to approve the map: open the mapper's /review/?migration="
                    + migrationId);
        }
        return follow(migrationId, autoConfirm);
    }

    /**
     * Follows a migration's runs until its latest production (or delta) run is complete and
     * verified, confirming the sample when asked to.
     */
    public Result follow(String migrationId, boolean autoConfirm) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String confirmed = null;
        String lastStage = null;
        int failuresShown = 0;
        while (System.nanoTime() < deadline) {
            healthCheck.run();
            Optional<JsonNode> found = api.status(migrationId);
            if (found.isPresent()) {
                JsonNode status = found.get();
                String stage = status.path("stage").asText();
                if (!stage.equals(lastStage)) {
                    listener.step(migrationId, "stage " + stage);
                    lastStage = stage;
                }
                listener.progress(migrationId, status);
                JsonNode failures = status.path("failures");
                for (; failuresShown < failures.size(); failuresShown++) {
                    JsonNode f = failures.get(failuresShown);
                    listener.step(migrationId, "FAILURE " + f.path("code").asText() + " from " + f.path("service").asText()
                            + ": " + f.path("message").asText());
                }
                JsonNode sample = latestRun(status, "SAMPLE");
                if (sample != null && "AWAITING_CONFIRMATION".equals(sample.path("state").asText())
                        && !sample.path("runId").asText().equals(confirmed)) {
                    if (autoConfirm) {
                        api.confirmSample(migrationId, sample.path("runId").asText(), "demo --auto-approve");
                        confirmed = sample.path("runId").asText();
                        listener.step(migrationId, "sample run " + confirmed + " reconciled; CONFIRMED AUTOMATICALLY "
                                + "because of --auto-approve (a person checks the sample in Pipedrive otherwise)");
                    } else {
                        confirmed = sample.path("runId").asText(); // said once; a person confirms it
                        listener.step(migrationId, "sample run reconciled; check it in Pipedrive, then confirm: "
                                + "POST /migrations/" + migrationId + "/runs/" + confirmed + "/confirm"
                                + " {\"confirmedBy\": \"<you>\"} on the reconciler");
                    }
                }
                JsonNode production = latestRun(status, "PRODUCTION");
                if (production != null && "COMPLETE".equals(production.path("state").asText())) {
                    String runId = production.path("runId").asText();
                    Optional<JsonNode> verification = api.verification(migrationId, runId);
                    if (verification.isPresent()) {
                        return new Result(migrationId, status, runId, verification.get());
                    }
                    failIfNotVerifiable(status, runId);
                }
            }
            Thread.sleep(1000);
        }
        throw new IllegalStateException("migration " + migrationId + " did not finish within " + timeout
                + "; its last status: " + api.status(migrationId).map(JsonNode::toString).orElse("none"));
    }

    /** Waits for a run of this migration started by hand (a second production run, a delta run) to complete. */
    public Result awaitRun(String migrationId, String runId) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            healthCheck.run();
            JsonNode status = api.status(migrationId).orElseThrow();
            listener.progress(migrationId, status);
            for (JsonNode run : status.path("runs")) {
                if (run.path("runId").asText().equals(runId) && "COMPLETE".equals(run.path("state").asText())) {
                    Optional<JsonNode> verification = api.verification(migrationId, runId);
                    if (verification.isPresent()) {
                        return new Result(migrationId, status, runId, verification.get());
                    }
                    failIfNotVerifiable(status, runId);
                }
            }
            Thread.sleep(1000);
        }
        throw new IllegalStateException("run " + runId + " of " + migrationId + " did not complete within " + timeout);
    }

    /** The reconciler said it could not verify the run (Pipedrive refused the reads): waiting would not help. */
    private static void failIfNotVerifiable(JsonNode status, String runId) {
        for (JsonNode f : status.path("failures")) {
            if ("VERIFICATION_FAILED".equals(f.path("code").asText()) && runId.equals(f.path("runId").asText())) {
                throw new IllegalStateException(f.path("message").asText());
            }
        }
    }

    private static JsonNode latestRun(JsonNode status, String kind) {
        JsonNode latest = null;
        for (JsonNode run : status.path("runs")) {
            if (kind.equals(run.path("kind").asText())) {
                if (latest == null || run.path("startedAt").asText().compareTo(latest.path("startedAt").asText()) >= 0) {
                    latest = run;
                }
            }
        }
        return latest;
    }

    private JsonNode await(String what, Supplier<Optional<JsonNode>> probe) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            healthCheck.run();
            Optional<JsonNode> found = probe.get();
            if (found.isPresent()) {
                return found.get();
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException(what + " did not appear within " + timeout);
    }

    private static String discoverySummary(JsonNode discovery) {
        StringBuilder s = new StringBuilder();
        s.append("generation ").append(discovery.path("generation").asText("?"));
        JsonNode counts = discovery.path("rowCounts");
        if (counts.isObject()) {
            s.append(", rows ").append(counts);
        }
        s.append(", ").append(discovery.path("customColumns").size()).append(" custom columns");
        return s.toString();
    }

    /** How a migration ended: its final status (runs, reports) and the production run's verification. */
    public record Result(String migrationId, JsonNode status, String runId, JsonNode verification) {
    }

    /** Where progress goes: the terminal in the demo, a log in tests. */
    public interface ProgressListener {
        void step(String migrationId, String message);

        void progress(String migrationId, JsonNode status);
    }
}

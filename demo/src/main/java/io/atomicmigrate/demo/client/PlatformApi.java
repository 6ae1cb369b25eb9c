package io.atomicmigrate.demo.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The calls a person (or this demo) makes on the platform, one method per step of DESIGN §1,
 * each on the service that owns the step: the extractor registers and discovers, the mapper
 * proposes and approves, the loader reconciles owners, the reconciler conducts runs.
 */
public final class PlatformApi {

    private final RestCalls extractor;
    private final RestCalls mapper;
    private final RestCalls loader;
    private final RestCalls reconciler;

    public PlatformApi(URI extractor, URI mapper, URI loader, URI reconciler) {
        this.extractor = new RestCalls(extractor);
        this.mapper = new RestCalls(mapper);
        this.loader = new RestCalls(loader);
        this.reconciler = new RestCalls(reconciler);
    }

    /** {@code POST /migrations}: returns the new migration's id. The request holds credentials: never print it. */
    public String createMigration(MigrationRequest request) {
        return extractor.post("/migrations", request.body()).path("id").asText();
    }

    /** {@code POST /migrations/{id}/discovery}: the discovery report (and migration.discovered on Kafka). */
    public JsonNode discover(String migrationId) {
        return extractor.post("/migrations/" + migrationId + "/discovery", Map.of());
    }

    public JsonNode scoping(String migrationId) {
        return extractor.get("/migrations/" + migrationId + "/scoping");
    }

    /** The mapper's current map with its review issues; empty until the proposal exists. */
    public Optional<JsonNode> map(String migrationId) {
        return mapper.find("/api/migrations/" + migrationId + "/map");
    }

    public JsonNode approve(String migrationId, int version, String approvedBy, String expectedHash) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("approvedBy", approvedBy);
        body.put("expectedHash", expectedHash);
        return mapper.post("/api/migrations/" + migrationId + "/map/versions/" + version + "/approval", body);
    }

    public Optional<JsonNode> owners(String migrationId) {
        return loader.find("/api/migrations/" + migrationId + "/owners");
    }

    /** The reconciler's view: stage, runs with per-phase reports, lifecycle, failures, rate budget. */
    public Optional<JsonNode> status(String migrationId) {
        return reconciler.find("/migrations/" + migrationId);
    }

    public JsonNode confirmSample(String migrationId, String runId, String confirmedBy) {
        return reconciler.post("/migrations/" + migrationId + "/runs/" + runId + "/confirm", Map.of("confirmedBy", confirmedBy));
    }

    /** Starts a run (PRODUCTION again, DELTA, ...) by hand. */
    public JsonNode startRun(String migrationId, String kind) {
        return reconciler.post("/migrations/" + migrationId + "/runs", Map.of("kind", kind));
    }

    public Optional<JsonNode> verification(String migrationId, String runId) {
        return reconciler.find("/migrations/" + migrationId + "/runs/" + runId + "/verification");
    }
}

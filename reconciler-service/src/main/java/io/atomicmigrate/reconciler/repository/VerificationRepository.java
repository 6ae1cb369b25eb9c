package io.atomicmigrate.reconciler.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.atomicmigrate.common.json.Json;
import io.atomicmigrate.reconciler.service.VerificationReport;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/** {@code reconciler.verifications}: the latest verification of each run. */
@ApplicationScoped
public class VerificationRepository {

    private final Pool client;

    public VerificationRepository(Pool client) {
        this.client = client;
    }

    public Uni<Void> save(String migrationId, VerificationReport report) {
        JsonObject json;
        try {
            json = new JsonObject(Json.mapper().writeValueAsString(report));
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        return client.preparedQuery("""
                        INSERT INTO reconciler.verifications (run_id, migration_id, complete, report) VALUES ($1, $2, $3, $4)
                        ON CONFLICT (run_id) DO UPDATE SET complete = excluded.complete, report = excluded.report,
                            verified_at = now()""")
                .execute(Tuple.of(report.runId(), migrationId, report.complete(), json)).replaceWithVoid();
    }

    public Uni<VerificationReport> find(String migrationId, String runId) {
        return client.preparedQuery("SELECT report FROM reconciler.verifications WHERE run_id = $1 AND migration_id = $2")
                .execute(Tuple.of(runId, migrationId))
                .map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return null;
                    }
                    try {
                        return Json.mapper().readValue(rows.iterator().next().getValue(0).toString(), VerificationReport.class);
                    } catch (JsonProcessingException e) {
                        throw new IllegalStateException("stored verification does not parse", e);
                    }
                });
    }
}

package io.atomicmigrate.reconciler.rest;

import io.atomicmigrate.common.events.Phase;
import io.atomicmigrate.common.events.payload.ReconciliationReport;
import io.atomicmigrate.common.events.payload.RunStarted.RunKind;
import io.atomicmigrate.reconciler.repository.RecordLedgerRepository;
import io.atomicmigrate.reconciler.service.ConductorException;
import io.atomicmigrate.reconciler.service.MigrationStatus;
import io.atomicmigrate.reconciler.service.RunConductor;
import io.atomicmigrate.reconciler.service.RunVerifier;
import io.atomicmigrate.reconciler.service.RunView;
import io.atomicmigrate.reconciler.service.VerificationReport;
import io.atomicmigrate.reconciler.service.SkipFile;
import io.atomicmigrate.reconciler.service.StatusService;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * Migrations, their runs and phases as the reconciler conducts them: status, JSON reports, CSV
 * skip files, and the person's actions (start a run, confirm a sample, retry, accept a stalled phase).
 */
@Path("/migrations")
@Produces(MediaType.APPLICATION_JSON)
public class RunsResource {

    private final StatusService status;
    private final RunConductor conductor;
    private final RecordLedgerRepository ledger;
    private final RunVerifier verifier;

    public RunsResource(StatusService status, RunConductor conductor, RecordLedgerRepository ledger,
                        RunVerifier verifier) {
        this.status = status;
        this.conductor = conductor;
        this.ledger = ledger;
        this.verifier = verifier;
    }

    /** Body of POST /migrations/{id}/runs. {@code phases} defaults to the configured list. */
    public record StartRun(@NotNull RunKind kind, @PositiveOrZero Integer sampleSize, List<Phase> phases) {
    }

    /** Who confirms a sample (recorded on the run). */
    public record Confirmation(@NotBlank String confirmedBy) {
    }

    /** Who accepts a stalled phase as it stands, and why. */
    public record Acceptance(@NotBlank String acceptedBy, String note) {
    }

    @GET
    public Uni<List<MigrationStatus>> all() {
        return status.all();
    }

    @GET
    @Path("/{migrationId}")
    public Uni<MigrationStatus> migration(@PathParam("migrationId") String migrationId) {
        return status.migration(migrationId);
    }

    @GET
    @Path("/{migrationId}/runs")
    public Uni<List<RunView>> runs(@PathParam("migrationId") String migrationId) {
        return status.runs(migrationId);
    }

    @POST
    @Path("/{migrationId}/runs")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> start(@PathParam("migrationId") String migrationId, @Valid @NotNull StartRun body) {
        return conductor.start(migrationId, body.kind(), body.sampleSize(), body.phases(), null)
                .chain(run -> status.run(migrationId, run.runId()))
                .map(view -> Response.status(201).entity(view).build());
    }

    @GET
    @Path("/{migrationId}/runs/{runId}")
    public Uni<RunView> run(@PathParam("migrationId") String migrationId, @PathParam("runId") String runId) {
        return status.run(migrationId, runId);
    }

    /** The run's report: the sum of its phases (what the topic carries under migration/run/RUN). */
    @GET
    @Path("/{migrationId}/runs/{runId}/report")
    public Uni<ReconciliationReport> runReport(@PathParam("migrationId") String migrationId,
                                               @PathParam("runId") String runId) {
        return status.run(migrationId, runId).map(RunView::totals);
    }

    @GET
    @Path("/{migrationId}/runs/{runId}/phases/{phase}/report")
    public Uni<ReconciliationReport> phaseReport(@PathParam("migrationId") String migrationId,
                                                 @PathParam("runId") String runId, @PathParam("phase") Phase phase) {
        return status.run(migrationId, runId).map(run -> run.phases().stream()
                .filter(p -> p.phase().equals(phase.name())).findFirst()
                .orElseThrow(() -> new ConductorException(404, "NO_SUCH_PHASE", "run " + runId + " has no phase " + phase))
                .report())
                .onItem().ifNull().failWith(() -> new ConductorException(404, "NOT_REPORTED_YET",
                        "phase " + phase + " of run " + runId + " has no report yet"));
    }

    /** The skip file: every rejected and failed record of the run with its reasons, as CSV. */
    @GET
    @Path("/{migrationId}/runs/{runId}/skips.csv")
    @Produces("text/csv")
    public Uni<Response> skips(@PathParam("migrationId") String migrationId, @PathParam("runId") String runId) {
        return status.run(migrationId, runId)
                .chain(run -> ledger.problems(migrationId, runId))
                .map(problems -> Response.ok(SkipFile.csv(runId, problems), "text/csv; charset=UTF-8")
                        .header("Content-Disposition", "attachment; filename=\"skips-" + runId + ".csv\"").build());
    }

    @POST
    @Path("/{migrationId}/runs/{runId}/confirm")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<RunView> confirm(@PathParam("migrationId") String migrationId, @PathParam("runId") String runId,
                                @Valid @NotNull Confirmation body) {
        return conductor.confirmSample(migrationId, runId, body.confirmedBy())
                .chain(production -> status.run(migrationId, production.runId()));
    }

    /** Re-requests the run's rejected and failed records (after a map fix) as a RETRY run. */
    @POST
    @Path("/{migrationId}/runs/{runId}/retries")
    public Uni<Response> retry(@PathParam("migrationId") String migrationId, @PathParam("runId") String runId) {
        return conductor.retry(migrationId, runId)
                .chain(retry -> status.run(migrationId, retry.runId()))
                .map(view -> Response.status(201).entity(view).build());
    }

    @POST
    @Path("/{migrationId}/runs/{runId}/phases/{phase}/accept")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> accept(@PathParam("migrationId") String migrationId, @PathParam("runId") String runId,
                                @PathParam("phase") Phase phase, @Valid @NotNull Acceptance body) {
        return conductor.accept(migrationId, runId, phase, body.acceptedBy(), body.note())
                .map(v -> Response.accepted().build());
    }

    /** Reads the run's loaded records back from Pipedrive and compares them field by field. */
    @POST
    @Path("/{migrationId}/runs/{runId}/verification")
    public Uni<VerificationReport> verify(@PathParam("migrationId") String migrationId,
                                          @PathParam("runId") String runId) {
        return verifier.verify(migrationId, runId);
    }

    @GET
    @Path("/{migrationId}/runs/{runId}/verification")
    public Uni<VerificationReport> verification(@PathParam("migrationId") String migrationId,
                                                @PathParam("runId") String runId) {
        return verifier.latest(migrationId, runId);
    }

    /** The status ledger of one source row: its latest status in every run and phase, with reasons or error. */
    @GET
    @Path("/{migrationId}/records/{table}/{sourceId}")
    public Uni<List<RecordLedgerRepository.RecordStatus>> record(@PathParam("migrationId") String migrationId,
                                                                @PathParam("table") String table,
                                                                @PathParam("sourceId") String sourceId) {
        return ledger.history(migrationId, table, sourceId);
    }
}

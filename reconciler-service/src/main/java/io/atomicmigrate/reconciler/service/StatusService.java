package io.atomicmigrate.reconciler.service;

import io.atomicmigrate.common.events.payload.BudgetState;
import io.atomicmigrate.common.events.payload.PhaseCounts;
import io.atomicmigrate.common.events.payload.ReconciliationReport;
import io.atomicmigrate.common.events.payload.ReconciliationReport.State;
import io.atomicmigrate.reconciler.repository.BudgetStateRepository;
import io.atomicmigrate.reconciler.repository.LifecycleEventRepository;
import io.atomicmigrate.reconciler.repository.PhaseRepository;
import io.atomicmigrate.reconciler.repository.RunRepository;
import io.atomicmigrate.common.json.Json;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Builds what REST and the dashboard show, from the stored runs, phases and their latest reports. */
@ApplicationScoped
public class StatusService {

    private final RunRepository runs;
    private final PhaseRepository phases;
    private final LifecycleEventRepository lifecycle;
    private final BudgetStateRepository budgets;

    public StatusService(RunRepository runs, PhaseRepository phases, LifecycleEventRepository lifecycle,
                         BudgetStateRepository budgets) {
        this.runs = runs;
        this.phases = phases;
        this.lifecycle = lifecycle;
        this.budgets = budgets;
    }

    public Uni<List<MigrationStatus>> all() {
        return runs.migrationIds().chain(ids -> Multi.createFrom().iterable(ids)
                .onItem().transformToUniAndConcatenate(this::migration).collect().asList());
    }

    public Uni<MigrationStatus> migration(String migrationId) {
        return Uni.combine().all().unis(runs(migrationId), lifecycle.latestPayloads(migrationId),
                        lifecycle.failures(migrationId), budgets.latest(migrationId)).asTuple()
                .map(t -> {
                    Map<String, JsonObject> latest = t.getItem2();
                    JsonObject created = latest.get("migration.created");
                    JsonObject approved = latest.get("map.approved");
                    return new MigrationStatus(migrationId, created == null ? null : created.getString("name"),
                            stage(t.getItem1(), latest), approved == null ? null : approved.getInteger("mapVersion"),
                            t.getItem1(), plain(latest), t.getItem3().stream().map(JsonObject::getMap).toList(),
                            budget(t.getItem4()));
                });
    }

    public Uni<List<RunView>> runs(String migrationId) {
        return runs.byMigration(migrationId).chain(list -> Multi.createFrom().iterable(list)
                .onItem().transformToUniAndConcatenate(this::view).collect().asList());
    }

    public Uni<RunView> run(String migrationId, String runId) {
        return runs.find(runId).chain(run -> run == null || !run.migrationId().equals(migrationId)
                ? Uni.createFrom().failure(new ConductorException(404, "NO_SUCH_RUN",
                "migration " + migrationId + " has no run " + runId))
                : view(run));
    }

    private Uni<RunView> view(Run run) {
        return phases.byRun(run.runId()).map(list -> {
            Instant now = Instant.now();
            List<RunView.PhaseView> views = new ArrayList<>();
            List<ReconciliationReport> reports = new ArrayList<>();
            Long eta = null;
            for (PhaseRecord p : list) {
                ReconciliationReport report = p.lastReport() == null ? null : Reports.parse(p.lastReport());
                if (report != null) {
                    reports.add(report);
                }
                RunView.PhaseView view = phaseView(p, report, now);
                if (view.etaSeconds() != null) {
                    eta = view.etaSeconds();
                }
                views.add(view);
            }
            return new RunView(run.runId(), run.migrationId(), run.kind(), run.mapVersion(), run.sampleSize(),
                    run.retryOf(), run.state(), run.confirmedBy(), run.confirmedAt(), run.startedAt(), run.completedAt(),
                    views, Reports.sum(reports, list.size(), now), eta);
        });
    }

    static RunView.PhaseView phaseView(PhaseRecord p, ReconciliationReport report, Instant now) {
        String state = p.state().name();
        if (p.state() == PhaseRecord.State.RUNNING && report != null && report.state() == State.STALLED) {
            state = State.STALLED.name();
        }
        long settled = 0;
        double progress = p.state() == PhaseRecord.State.COMPLETE ? 1.0 : 0.0;
        Long eta = null;
        if (report != null) {
            PhaseCounts c = report.counts();
            settled = c.rejected() + c.skipped() + c.created() + c.merged() + c.updated() + c.unchanged() + c.failed()
                    + c.deleted();
            long total = report.expectedRows() != null ? report.expectedRows() : c.extracted();
            if (total > 0) {
                progress = Math.min(1.0, (double) settled / total);
            }
            if (p.state() == PhaseRecord.State.RUNNING && p.startedAt() != null && settled > 0 && total > settled) {
                long elapsed = Duration.between(p.startedAt(), now).toMillis();
                eta = Math.max(1, elapsed * (total - settled) / settled / 1000);
            }
        }
        return new RunView.PhaseView(p.phase().name(), state, report, settled, progress, eta, p.startedAt(),
                p.completedAt(), p.acceptedBy());
    }

    private static BudgetView budget(BudgetStateRepository.Stored stored) {
        if (stored == null) {
            return null;
        }
        try {
            BudgetState state = Json.mapper().readValue(stored.payload().encode(), BudgetState.class);
            return BudgetView.of(state, stored.occurredAt(), Instant.now());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("stored budget state does not parse: " + e.getOriginalMessage(), e);
        }
    }

    private static Map<String, Map<String, Object>> plain(Map<String, JsonObject> latest) {
        Map<String, Map<String, Object>> out = new java.util.TreeMap<>();
        latest.forEach((type, payload) -> out.put(type, payload.getMap()));
        return out;
    }

    /** The step of DESIGN §1 a migration is at. */
    static String stage(List<RunView> runs, Map<String, JsonObject> latest) {
        RunView last = runs.stream().filter(Objects::nonNull).reduce((a, b) -> b).orElse(null);
        if (last != null) {
            String prefix = last.kind().name();
            return switch (last.state()) {
                case RUNNING -> prefix + "_RUNNING";
                case AWAITING_CONFIRMATION -> "SAMPLE_AWAITING_CONFIRMATION";
                case CONFIRMED -> "SAMPLE_CONFIRMED";
                case COMPLETE -> prefix + "_COMPLETE";
            };
        }
        if (latest.containsKey("owners.unresolved") && !latest.containsKey("destination.ready")) {
            return "OWNERS_UNRESOLVED";
        }
        for (String[] step : new String[][] {{"destination.ready", "DESTINATION_READY"},
                {"map.approved", "MAP_APPROVED"}, {"map.proposed", "MAP_PROPOSED"},
                {"migration.discovered", "DISCOVERED"}, {"migration.created", "CREATED"}}) {
            if (latest.containsKey(step[0])) {
                return step[1];
            }
        }
        return "UNKNOWN";
    }
}

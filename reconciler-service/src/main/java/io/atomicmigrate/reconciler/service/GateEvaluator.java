package io.atomicmigrate.reconciler.service;

import io.atomicmigrate.common.events.EventEnvelope;
import io.atomicmigrate.common.events.payload.ReconciliationReport;
import io.atomicmigrate.common.events.payload.ReconciliationReport.State;
import io.atomicmigrate.reconciler.config.ReconcilerConfig;
import io.atomicmigrate.reconciler.messaging.ConductorEventPublisher;
import io.atomicmigrate.reconciler.repository.LifecycleEventRepository;
import io.atomicmigrate.reconciler.repository.PhaseRepository;
import io.atomicmigrate.reconciler.repository.RecordLedgerRepository;
import io.atomicmigrate.reconciler.repository.RunRepository;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * The gate, on a timer: announces what is still to announce, re-counts every running phase from
 * the ledger, publishes its report when it changed, and completes it when DESIGN §7 holds. On a
 * timer rather than per record: one count per phase per tick, however many records arrive.
 * Every step is idempotent, so a tick after a crash (or another replica's tick) repeats safely.
 */
@ApplicationScoped
public class GateEvaluator {

    private static final Logger LOG = Logger.getLogger(GateEvaluator.class);

    private final RunRepository runs;
    private final PhaseRepository phases;
    private final RecordLedgerRepository ledger;
    private final RunConductor conductor;
    private final ConductorEventPublisher publisher;
    private final LifecycleEventRepository lifecycle;
    private final PhaseGate gate;
    private final ReconcilerConfig config;
    private final Vertx vertx;
    private final Clock clock = Clock.systemUTC();
    private final AtomicBoolean ticking = new AtomicBoolean();
    private long timer = -1;

    public GateEvaluator(RunRepository runs, PhaseRepository phases, RecordLedgerRepository ledger,
                         RunConductor conductor, ConductorEventPublisher publisher,
                         LifecycleEventRepository lifecycle, ReconcilerConfig config, Vertx vertx) {
        this.lifecycle = lifecycle;
        this.runs = runs;
        this.phases = phases;
        this.ledger = ledger;
        this.conductor = conductor;
        this.publisher = publisher;
        this.config = config;
        this.vertx = vertx;
        this.gate = new PhaseGate(config.gating().stallAfter());
    }

    void onStart(@Observes StartupEvent start) {
        timer = vertx.setPeriodic(config.gating().interval().toMillis(), id -> {
            // one tick at a time: a slow tick is not overtaken by the next one
            if (ticking.compareAndSet(false, true)) {
                tick().subscribe().with(done -> ticking.set(false), failure -> {
                    ticking.set(false);
                    LOG.errorf(failure, "gate tick failed; the next tick tries again");
                });
            }
        });
    }

    void onStop(@Observes ShutdownEvent stop) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** One pass over everything open. */
    public Uni<Void> tick() {
        return runs.unannounced()
                .chain(list -> RunConductor.each(list, conductor::announce))
                .chain(() -> phases.inState(PhaseRecord.State.STARTING))
                .chain(list -> RunConductor.each(list, p -> runs.find(p.runId())
                        .chain(run -> run == null || !run.announced() ? Uni.createFrom().voidItem()
                                : conductor.startPhase(run, p.phase()))))
                .chain(() -> phases.inState(PhaseRecord.State.RUNNING))
                .chain(list -> RunConductor.each(list, this::evaluate));
    }

    private Uni<Void> evaluate(PhaseRecord phase) {
        Instant now = clock.instant();
        return Uni.combine().all().unis(runs.find(phase.runId()),
                        ledger.tally(phase.migrationId(), phase.runId(), phase.phase())).asTuple()
                .chain(t -> {
                    Run run = t.getItem1();
                    PhaseTally tally = t.getItem2();
                    PhaseGate.Verdict judged = gate.judge(tally, phase.expectedRows(), phase.checksum(), phase.startedAt(), now,
                            phase.acceptedBy(), phase.acceptedNote());
                    return withFailures(phase, judged)
                            .chain(verdict -> report(run, phase, tally, verdict, now));
                });
    }

    /** A stalled phase's note names what a service reported failing for it (e.g. the extraction), the likely cause. */
    private Uni<PhaseGate.Verdict> withFailures(PhaseRecord phase, PhaseGate.Verdict verdict) {
        if (verdict.state() != State.STALLED) {
            return Uni.createFrom().item(verdict);
        }
        return lifecycle.phaseFailures(phase.migrationId(), phase.runId(), phase.phase().name())
                .map(failures -> failures.isEmpty() ? verdict : new PhaseGate.Verdict(State.STALLED,
                        verdict.note() + "; reported: " + String.join("; ", failures)));
    }

    /** Publishes the phase's report when it changed, and completes the phase when the verdict says so. */
    private Uni<Void> report(Run run, PhaseRecord phase, PhaseTally tally, PhaseGate.Verdict verdict, Instant now) {
        ReconciliationReport report = Reports.of(tally, verdict, phase.expectedRows(), phase.checksum(), now);
        ReconciliationReport last = phase.lastReport() == null ? null : Reports.parse(phase.lastReport());
        Uni<Void> published = Reports.sameContent(report, last) ? Uni.createFrom().voidItem()
                : publishReport(run, phase, report);
        if (verdict.state() != State.COMPLETE) {
            return published;
        }
        return published.chain(() -> conductor.completePhase(run, phase, report.counts(), Reports.json(report)))
                .chain(() -> publishRunReport(run));
    }

    private Uni<Void> publishReport(Run run, PhaseRecord phase, ReconciliationReport report) {
        if (report.state() == State.STALLED && (phase.lastReport() == null || !phase.lastReport().contains("STALLED"))) {
            LOG.warnf("run %s: phase %s STALLED: %s", run.runId(), phase.phase(), report.note());
        }
        return publisher.report(new EventEnvelope<>(java.util.UUID.randomUUID(), "reconciliation.report",
                        run.migrationId(), run.runId(), phase.phase(), report.generatedAt(),
                        EventEnvelope.CURRENT_SCHEMA_VERSION, report))
                .chain(() -> phases.saveReport(run.runId(), phase.phase(), Reports.json(report)))
                .chain(() -> publishRunReport(run));
    }

    /** The run-level report (key migration/run/RUN): the sum of its phases' latest reports. */
    Uni<Void> publishRunReport(Run run) {
        return phases.byRun(run.runId()).chain(list -> {
            List<ReconciliationReport> reported = new ArrayList<>();
            list.stream().map(PhaseRecord::lastReport).filter(Objects::nonNull).map(Reports::parse).forEach(reported::add);
            ReconciliationReport sum = Reports.sum(reported, list.size(), clock.instant());
            return publisher.report(new EventEnvelope<>(java.util.UUID.randomUUID(), "reconciliation.report",
                    run.migrationId(), run.runId(), null, sum.generatedAt(), EventEnvelope.CURRENT_SCHEMA_VERSION, sum));
        });
    }
}

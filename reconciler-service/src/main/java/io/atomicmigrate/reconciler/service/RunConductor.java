package io.atomicmigrate.reconciler.service;

import io.atomicmigrate.common.events.Phase;
import io.atomicmigrate.common.events.payload.PhaseCounts;
import io.atomicmigrate.common.events.payload.RunStarted.RunKind;
import io.atomicmigrate.reconciler.config.ReconcilerConfig;
import io.atomicmigrate.reconciler.messaging.ConductorEventPublisher;
import io.atomicmigrate.reconciler.repository.LifecycleEventRepository;
import io.atomicmigrate.reconciler.repository.PhaseRepository;
import io.atomicmigrate.reconciler.repository.RunRepository;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The run's conductor (DESIGN §1 steps 7-9): sample run → a person confirms → production run;
 * phases one after the other, each started only when the one before reconciled; retries of the
 * records a run rejected or failed. Every step first publishes its event (with an id derived
 * from the step) and then records that it did, so repeating a step after a crash is harmless.
 */
@ApplicationScoped
public class RunConductor {

    private static final Logger LOG = Logger.getLogger(RunConductor.class);

    private final RunRepository runs;
    private final PhaseRepository phases;
    private final LifecycleEventRepository lifecycle;
    private final ConductorEventPublisher publisher;
    private final RecordRetrier retrier;
    private final RunVerifier verifier;
    private final DestinationDirectory destinations;
    private final ReconcilerConfig config;
    /** Phases being started by this instance right now. */
    private final java.util.Set<String> starting = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public RunConductor(RunRepository runs, PhaseRepository phases, LifecycleEventRepository lifecycle,
                        ConductorEventPublisher publisher, RecordRetrier retrier, RunVerifier verifier,
                        DestinationDirectory destinations, ReconcilerConfig config) {
        this.verifier = verifier;
        this.destinations = destinations;
        this.runs = runs;
        this.phases = phases;
        this.lifecycle = lifecycle;
        this.publisher = publisher;
        this.retrier = retrier;
        this.config = config;
    }

    /** Starts a SAMPLE, PRODUCTION or DELTA run with the latest approved map. */
    public Uni<Run> start(String migrationId, RunKind kind, Integer sampleSize, List<Phase> phaseList, String runId) {
        if (kind == RunKind.RETRY) {
            return Uni.createFrom().failure(new ConductorException(400, "RETRY_NEEDS_A_RUN",
                    "a retry re-requests the records of one run: POST /migrations/{id}/runs/{runId}/retries"));
        }
        List<Phase> planned = phaseList == null || phaseList.isEmpty() ? config.run().phases() : inOrder(phaseList);
        int size = kind == RunKind.SAMPLE ? (sampleSize == null ? config.run().sampleSize() : sampleSize) : 0;
        return create(migrationId, kind, size, planned, runId == null ? RunIds.random(migrationId, kind) : runId, null);
    }

    private Uni<Run> create(String migrationId, RunKind kind, int sampleSize, List<Phase> planned, String runId,
                            String retryOf) {
        return lifecycle.latestApprovedMapVersion(migrationId).chain(mapVersion -> {
            if (mapVersion == null) {
                return Uni.createFrom().failure(new ConductorException(409, "NO_APPROVED_MAP", "migration " + migrationId
                        + " has no approved map version; approve one (mapper-service) before any record moves"));
            }
            return runs.byMigration(migrationId).chain(existing -> {
                Run same = existing.stream().filter(r -> r.runId().equals(runId)).findFirst().orElse(null);
                if (same != null) {
                    return Uni.createFrom().item(same); // a repeated request for the same run
                }
                Run busy = existing.stream().filter(r -> r.state() == Run.State.RUNNING).findFirst().orElse(null);
                if (busy != null) {
                    return Uni.createFrom().failure(new ConductorException(409, "RUN_IN_PROGRESS", "run " + busy.runId()
                            + " (" + busy.kind() + ") of migration " + migrationId + " is still running"));
                }
                Run run = new Run(runId, migrationId, kind, mapVersion, sampleSize, planned, retryOf, Run.State.RUNNING,
                        false, null, null, null, null);
                return runs.insert(run).chain(() -> runs.find(runId)).chain(stored -> {
                    if (!stored.migrationId().equals(migrationId)) {
                        // never share a run id with another migration (the extractor keys runs by id alone)
                        return Uni.createFrom().<Run>failure(new ConductorException(409, "RUN_ID_TAKEN", "run id " + runId
                                + " belongs to another migration; start the run again for a new id"));
                    }
                    return Uni.createFrom().item(stored);
                }).call(this::announce);
            });
        });
    }

    /** Publishes run.started, then starts the phases marked STARTING. */
    public Uni<Void> announce(Run run) {
        if (run.announced()) {
            return Uni.createFrom().voidItem();
        }
        return publisher.lifecycle(ConductorEvents.runStarted(run))
                .chain(() -> runs.markAnnounced(run.runId()))
                .invoke(() -> LOG.infof("migration %s: %s run %s started (map version %d, phases %s)", run.migrationId(),
                        run.kind(), run.runId(), run.mapVersion(), run.phases()))
                .chain(() -> phases.byRun(run.runId()))
                .chain(list -> each(list.stream().filter(p -> p.state() == PhaseRecord.State.STARTING).toList(),
                        p -> startPhase(run, p.phase())));
    }

    /**
     * Announces a phase (or, for a retry, re-publishes its records) and marks it running. The
     * request that created a run and the gate's next tick may both find the phase STARTING; the
     * second one here waits for the next tick instead of publishing the same events again (they
     * would be dropped downstream by id, but a retry's records are not worth sending twice).
     */
    public Uni<Void> startPhase(Run run, Phase phase) {
        String key = run.runId() + "/" + phase;
        if (!starting.add(key)) {
            return Uni.createFrom().voidItem();
        }
        // re-read under the claim: the caller's view of the phase may be older than another start
        Uni<Boolean> announced = phases.find(run.runId(), phase).chain(current -> {
            if (current == null || current.state() != PhaseRecord.State.STARTING) {
                return Uni.createFrom().item(false);
            }
            return (run.kind() == RunKind.RETRY ? retrier.republish(run, phase)
                    : publisher.lifecycle(ConductorEvents.phaseStarted(run, phase))).replaceWith(true);
        });
        return announced.chain(done -> done ? phases.markRunning(run.runId(), phase)
                : Uni.createFrom().item(false)).invoke(started -> {
            if (started) {
                LOG.infof("run %s: phase %s started", run.runId(), phase);
            }
        }).replaceWithVoid().eventually(() -> starting.remove(key));
    }

    /** The phase reconciled: phase.completed, then the next phase or the end of the run. */
    public Uni<Void> completePhase(Run run, PhaseRecord phase, PhaseCounts counts,
                                   io.vertx.core.json.JsonObject finalReport) {
        return publisher.lifecycle(ConductorEvents.phaseCompleted(run, phase.phase(), counts))
                .chain(() -> phases.complete(run.runId(), phase.phase(), finalReport))
                .chain(won -> {
                    if (!won) {
                        return Uni.createFrom().voidItem();
                    }
                    LOG.infof("run %s: phase %s complete %s", run.runId(), phase.phase(), counts);
                    int next = run.phases().indexOf(phase.phase()) + 1;
                    if (next < run.phases().size()) {
                        Phase following = run.phases().get(next);
                        return phases.markStarting(run.runId(), following).chain(() -> startPhase(run, following));
                    }
                    return finish(run);
                });
    }

    private Uni<Void> finish(Run run) {
        Run.State end = run.kind() == RunKind.SAMPLE ? Run.State.AWAITING_CONFIRMATION : Run.State.COMPLETE;
        return runs.transition(run.runId(), Run.State.RUNNING, end).invoke(moved -> {
            if (moved) {
                LOG.infof("migration %s: %s run %s reconciled; now %s", run.migrationId(), run.kind(), run.runId(), end);
                verifyInBackground(run);
            }
        }).replaceWithVoid();
    }

    /**
     * DESIGN §1 step 9, when the migration's Pipedrive account is known here: reading a large
     * account back takes a while, so it runs beside the gate, not in its way. A failure is logged
     * and the person can ask again (POST .../verification).
     */
    private void verifyInBackground(Run run) {
        destinations.of(run.migrationId()).subscribe().with(account -> {
            if (account.isEmpty()) {
                LOG.debugf("migration %s: no Pipedrive account known here; run %s is not verified automatically",
                        run.migrationId(), run.runId());
                return;
            }
            verifier.verify(run.migrationId(), run.runId()).subscribe().with(
                    report -> LOG.infof("run %s verified: %s", run.runId(), report.complete() ? "complete"
                            : "INCOMPLETE, see GET /migrations/" + run.migrationId() + "/runs/" + run.runId() + "/verification"),
                    failure -> {
                        LOG.errorf("run %s could not be verified: %s", run.runId(), failure.getMessage());
                        // on the topic too, so the status, the dashboard and a waiting operator see it
                        publisher.lifecycle(ConductorEvents.verificationFailed(run, failure.getMessage())).subscribe()
                                .with(ok -> { }, e -> LOG.warnf("run %s: the verification failure was not published: %s",
                                        run.runId(), e.toString()));
                    });
        }, failure -> LOG.errorf("run %s: its Pipedrive account could not be resolved: %s", run.runId(),
                failure.getClass().getSimpleName()));
    }

    /** A person checked the sample in Pipedrive: the production run starts with the same phases. */
    public Uni<Run> confirmSample(String migrationId, String runId, String confirmedBy) {
        return owned(migrationId, runId).chain(sample -> {
            if (sample.kind() != RunKind.SAMPLE) {
                return Uni.createFrom().failure(new ConductorException(409, "NOT_A_SAMPLE",
                        "run " + runId + " is a " + sample.kind() + " run; only a sample run is confirmed"));
            }
            String productionId = RunIds.derived(migrationId, RunKind.PRODUCTION, runId);
            if (sample.state() == Run.State.CONFIRMED) {
                return runs.find(productionId); // confirmed twice: the same production run
            }
            if (sample.state() != Run.State.AWAITING_CONFIRMATION) {
                return Uni.createFrom().failure(new ConductorException(409, "SAMPLE_NOT_RECONCILED",
                        "sample run " + runId + " is " + sample.state() + "; it can be confirmed once it has reconciled"));
            }
            return runs.confirm(runId, confirmedBy).chain(() -> create(migrationId, RunKind.PRODUCTION, 0,
                    sample.phases(), productionId, null));
        });
    }

    /**
     * Re-requests the records a run rejected or failed (after a map fix): a RETRY run over the
     * phases that have any, in dependency order. Retrying a retry retries its original run.
     */
    public Uni<Run> retry(String migrationId, String runId) {
        return owned(migrationId, runId).chain(run -> runs.find(run.rootRunId())).chain(root -> {
            if (root.state() == Run.State.RUNNING) {
                return Uni.createFrom().failure(new ConductorException(409, "RUN_IN_PROGRESS",
                        "run " + root.runId() + " is still running; retry its records once it has reconciled"));
            }
            return Multi.createFrom().iterable(root.phases())
                    .onItem().transformToUniAndConcatenate(p -> retrier.count(migrationId, root.runId(), p)
                            .map(n -> n > 0 ? p : null))
                    .filter(p -> p != null).collect().asList()
                    .chain(withRecords -> {
                        if (withRecords.isEmpty()) {
                            return Uni.createFrom().failure(new ConductorException(409, "NOTHING_TO_RETRY",
                                    "run " + root.runId() + " has no rejected or failed record left to retry"));
                        }
                        return create(migrationId, RunKind.RETRY, 0, withRecords, RunIds.random(migrationId, RunKind.RETRY),
                                root.runId());
                    });
        });
    }

    /** A person accepts a STALLED phase as it stands; the gate then lets it complete, noting who and why. */
    public Uni<Void> accept(String migrationId, String runId, Phase phase, String by, String note) {
        return owned(migrationId, runId).chain(run -> phases.find(runId, phase)).chain(p -> {
            if (p == null) {
                return Uni.createFrom().failure(new ConductorException(404, "NO_SUCH_PHASE",
                        "run " + runId + " has no phase " + phase));
            }
            if (p.lastReport() == null || !p.lastReport().contains("\"STALLED\"")) {
                return Uni.createFrom().failure(new ConductorException(409, "PHASE_NOT_STALLED", "phase " + phase
                        + " of run " + runId + " is not stalled; only a stalled phase is accepted as it stands"));
            }
            return phases.accept(runId, phase, by, note).replaceWithVoid();
        });
    }

    /** destination.ready: the first sample run starts by itself when configured to (once per migration). */
    public Uni<Void> destinationReady(String migrationId, UUID eventId) {
        if (!config.run().autoStartSample()) {
            return Uni.createFrom().voidItem();
        }
        return runs.byMigration(migrationId).chain(existing -> {
            if (!existing.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            return start(migrationId, RunKind.SAMPLE, null, null, RunIds.derived(migrationId, RunKind.SAMPLE,
                    eventId.toString()))
                    .onFailure(ConductorException.class).invoke(e -> LOG.warnf("migration %s: no sample run: %s",
                            migrationId, e.getMessage()))
                    .onFailure(ConductorException.class).recoverWithNull()
                    .replaceWithVoid();
        });
    }

    private Uni<Run> owned(String migrationId, String runId) {
        return runs.find(runId).chain(run -> run == null || !run.migrationId().equals(migrationId)
                ? Uni.createFrom().failure(new ConductorException(404, "NO_SUCH_RUN",
                "migration " + migrationId + " has no run " + runId))
                : Uni.createFrom().item(run));
    }

    private static List<Phase> inOrder(List<Phase> phases) {
        return new ArrayList<>(new java.util.TreeSet<>(phases));
    }

    static <T> Uni<Void> each(List<T> items, java.util.function.Function<T, Uni<Void>> action) {
        return Multi.createFrom().iterable(items).onItem().<Void>transformToUniAndConcatenate(action::apply)
                .collect().last().replaceWithVoid();
    }
}

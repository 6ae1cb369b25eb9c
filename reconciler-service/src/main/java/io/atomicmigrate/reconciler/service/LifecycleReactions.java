package io.atomicmigrate.reconciler.service;

import io.atomicmigrate.common.events.EventEnvelope;
import io.atomicmigrate.common.events.payload.DestinationReady;
import io.atomicmigrate.common.events.payload.PhaseExtracted;
import io.atomicmigrate.common.events.payload.PhaseStarted;
import io.atomicmigrate.common.events.payload.RunStarted;
import io.atomicmigrate.reconciler.repository.PhaseRepository;
import io.atomicmigrate.reconciler.repository.RunRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * What the conductor learns from the lifecycle topic: runs and phases started (by itself or by
 * another conductor), the extractor's phase.extracted (the count the gate waits for), and
 * destination.ready (the sample run may start). Each reaction is idempotent, and runs on every
 * delivery, so a crash between storing an event and reacting to it loses nothing.
 */
@ApplicationScoped
public class LifecycleReactions {

    private static final Logger LOG = Logger.getLogger(LifecycleReactions.class);

    private final RunRepository runs;
    private final PhaseRepository phases;
    private final RunConductor conductor;

    public LifecycleReactions(RunRepository runs, PhaseRepository phases, RunConductor conductor) {
        this.runs = runs;
        this.phases = phases;
        this.conductor = conductor;
    }

    public Uni<Void> on(EventEnvelope<?> event) {
        if (event.payload() instanceof RunStarted started && event.runId() != null) {
            // ours is already stored (insert does nothing); another conductor's run is adopted
            return runs.insert(new Run(event.runId(), event.migrationId(), started.kind(), started.mapVersion(),
                    started.sampleSize(), started.phases(), started.retryOf(), Run.State.RUNNING, true, null, null, null,
                    null)).chain(inserted -> inserted ? Uni.createFrom().voidItem() : runs.find(event.runId())
                    .invoke(known -> {
                        if (known != null && !known.migrationId().equals(event.migrationId())) {
                            // never adopted into the wrong migration: the run stays its first owner's
                            LOG.errorf("run.started of migration %s names run %s, which belongs to migration %s;"
                                    + " not adopted", event.migrationId(), event.runId(), known.migrationId());
                        }
                    }).replaceWithVoid());
        }
        if (event.payload() instanceof PhaseStarted && event.runId() != null && event.phase() != null) {
            return phases.markRunning(event.runId(), event.phase()).replaceWithVoid();
        }
        if (event.payload() instanceof PhaseExtracted extracted && event.runId() != null && event.phase() != null) {
            return phases.extracted(event.runId(), event.phase(), extracted.rowCount(), extracted.checksum())
                    .invoke(known -> {
                        if (!known) {
                            LOG.debugf("phase.extracted for run %s phase %s, which no run here has", event.runId(),
                                    event.phase());
                        }
                    }).replaceWithVoid();
        }
        if (event.payload() instanceof DestinationReady) {
            return conductor.destinationReady(event.migrationId(), event.id());
        }
        return Uni.createFrom().voidItem();
    }
}

package io.atomicmigrate.reconciler.service;

import io.atomicmigrate.common.events.EventEnvelope;
import io.atomicmigrate.common.events.EventPayload;
import io.atomicmigrate.common.events.EventType;
import io.atomicmigrate.common.events.Phase;
import io.atomicmigrate.common.events.payload.PhaseCompleted;
import io.atomicmigrate.common.events.payload.PhaseCounts;
import io.atomicmigrate.common.events.payload.PhaseStarted;
import io.atomicmigrate.common.events.payload.RunStarted;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * The lifecycle events the conductor publishes. Their ids are derived from what they announce,
 * so announcing twice (a crash between publishing and recording it, two replicas) publishes the
 * same event twice and every consumer drops the copy by id.
 */
public final class ConductorEvents {

    private ConductorEvents() {
    }

    public static EventEnvelope<RunStarted> runStarted(Run run) {
        return envelope(run.migrationId(), run.runId(), null, "run.started",
                new RunStarted(run.kind(), run.mapVersion(), run.phases(), run.sampleSize(), run.retryOf()));
    }

    public static EventEnvelope<PhaseStarted> phaseStarted(Run run, Phase phase) {
        return envelope(run.migrationId(), run.runId(), phase, "phase.started", new PhaseStarted(phase.sourceTables()));
    }

    public static EventEnvelope<PhaseCompleted> phaseCompleted(Run run, Phase phase, PhaseCounts counts) {
        return envelope(run.migrationId(), run.runId(), phase, "phase.completed", new PhaseCompleted(counts));
    }

    /** A run's verification could not be made (Pipedrive refused the reads): a person must look at it. */
    public static EventEnvelope<io.atomicmigrate.common.events.payload.MigrationFailed> verificationFailed(Run run,
                                                                                                      String why) {
        return envelope(run.migrationId(), run.runId(), null, "verification.failed",
                new io.atomicmigrate.common.events.payload.MigrationFailed("VERIFICATION_FAILED",
                        "run " + run.runId() + " could not be verified: " + why
                                + "; ask again with POST /migrations/" + run.migrationId() + "/runs/" + run.runId()
                                + "/verification", "reconciler-service"));
    }

    /** An id that is the same every time the same thing is announced. */
    public static UUID id(String... parts) {
        return UUID.nameUUIDFromBytes(("reconciler/" + String.join("/", parts)).getBytes(StandardCharsets.UTF_8));
    }

    static <P extends EventPayload> EventEnvelope<P> envelope(String migrationId, String runId, Phase phase,
                                                              String what, P payload) {
        return new EventEnvelope<>(id(runId, phase == null ? "RUN" : phase.name(), what),
                EventType.of(payload).wireName(), migrationId, runId, phase, Instant.now(),
                EventEnvelope.CURRENT_SCHEMA_VERSION, payload);
    }
}

package io.atomicmigrate.reconciler.service;

import io.atomicmigrate.common.events.Phase;
import io.atomicmigrate.common.events.payload.RunStarted.RunKind;
import java.time.Instant;
import java.util.List;

/** A run as the conductor tracks it. */
public record Run(String runId, String migrationId, RunKind kind, int mapVersion, int sampleSize, List<Phase> phases,
                  String retryOf, State state, boolean announced, String confirmedBy, Instant confirmedAt,
                  Instant startedAt, Instant completedAt) {

    /** Where a run stands. */
    public enum State {
        RUNNING,
        /** A sample run reconciled; a person checks it in Pipedrive and confirms (or fixes the map). */
        AWAITING_CONFIRMATION,
        /** A confirmed sample: its production run has been started. */
        CONFIRMED,
        COMPLETE
    }

    /** The run whose records a retry re-requests: the original, never another retry. */
    public String rootRunId() {
        return retryOf != null ? retryOf : runId;
    }
}

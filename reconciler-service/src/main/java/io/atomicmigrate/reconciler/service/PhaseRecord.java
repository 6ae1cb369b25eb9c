package io.atomicmigrate.reconciler.service;

import io.atomicmigrate.common.events.Phase;
import java.time.Instant;

/**
 * One phase of one run as the conductor tracks it.
 *
 * @param state      PENDING, STARTING (to announce), RUNNING or COMPLETE
 * @param lastReport the last reconciliation report published for it, as JSON; null before the first
 */
public record PhaseRecord(String migrationId, String runId, Phase phase, int position, State state, Long expectedRows,
                          String checksum, Instant startedAt, Instant completedAt, String acceptedBy,
                          String acceptedNote, String lastReport) {

    /** Where a phase stands in the conductor's hands. */
    public enum State { PENDING, STARTING, RUNNING, COMPLETE }
}

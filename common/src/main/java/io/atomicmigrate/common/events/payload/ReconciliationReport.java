package io.atomicmigrate.common.events.payload;

import io.atomicmigrate.common.events.EventPayload;
import java.time.Instant;
import java.util.Map;

/**
 * The latest state of one phase of one run; compacted by key, so a dashboard reading
 * the topic from the start sees the current report of every phase.
 *
 * @param counts           the phase's counts so far
 * @param rejectedByReason rejected rows per reason code
 * @param failedByError    failed records per error code
 * @param state            RUNNING, COMPLETE (invariant holds, next phase may start) or STALLED
 * @param invariantHolds   whether DESIGN §7's invariants hold right now
 * @param generatedAt      when this report was computed
 */
public record ReconciliationReport(
        PhaseCounts counts,
        Map<String, Long> rejectedByReason,
        Map<String, Long> failedByError,
        State state,
        boolean invariantHolds,
        Instant generatedAt) implements EventPayload {

    /** Where a phase stands. */
    public enum State { RUNNING, COMPLETE, STALLED }
}

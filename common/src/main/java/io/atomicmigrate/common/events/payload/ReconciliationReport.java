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
 * @param expectedRows     the row count the extractor announced in {@code phase.extracted}; null until it has
 * @param awaitingMapping  extracted rows with neither a mapped nor a rejected event yet
 * @param awaitingOutcome  mapped records with no loader outcome yet
 * @param note             why a phase is STALLED, or who accepted it as it was; null otherwise
 * @param expectedChecksum the checksum the extractor announced in {@code phase.extracted}; null until it has
 * @param checksum         the same checksum recomputed from the row hashes that arrived: equal when the rows
 *                         received are the rows published (null in a run's summed report)
 */
public record ReconciliationReport(
        PhaseCounts counts,
        Map<String, Long> rejectedByReason,
        Map<String, Long> failedByError,
        State state,
        boolean invariantHolds,
        Instant generatedAt,
        Long expectedRows,
        long awaitingMapping,
        long awaitingOutcome,
        String note,
        String expectedChecksum,
        String checksum) implements EventPayload {

    /** The shape before the waiting counts were added. */
    public ReconciliationReport(PhaseCounts counts, Map<String, Long> rejectedByReason, Map<String, Long> failedByError,
                                State state, boolean invariantHolds, Instant generatedAt) {
        this(counts, rejectedByReason, failedByError, state, invariantHolds, generatedAt, null, 0, 0, null, null, null);
    }

    /** Where a phase stands. */
    public enum State { RUNNING, COMPLETE, STALLED }
}

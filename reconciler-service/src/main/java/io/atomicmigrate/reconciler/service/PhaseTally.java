package io.atomicmigrate.reconciler.service;

import io.atomicmigrate.common.events.payload.PhaseCounts;
import java.time.Instant;
import java.util.Map;

/**
 * What the status ledger says about one phase of one run right now.
 *
 * @param counts           the DESIGN §7 counts
 * @param awaitingMapping  extracted rows without a mapper verdict yet (mapped, skipped or rejected)
 * @param awaitingOutcome  mapped records without an outcome yet
 * @param rejectedByReason rejected rows per reason code (a row with two reasons counts under both)
 * @param failedByError    failed records per error code
 * @param lastChange       when the ledger last changed for this phase; null when nothing arrived
 * @param checksum         the extractor's checksum recomputed from the row hashes that arrived (16 hex digits)
 */
public record PhaseTally(PhaseCounts counts, long awaitingMapping, long awaitingOutcome,
                         Map<String, Long> rejectedByReason, Map<String, Long> failedByError, Instant lastChange,
                         String checksum) {

    public static final PhaseTally EMPTY = new PhaseTally(PhaseCounts.ZERO, 0, 0, Map.of(), Map.of(), null,
            "0000000000000000");

    /**
     * extracted = mapped + rejected + skipped, and every mapped record (UPSERT or DELETE) has
     * exactly one outcome; a DELETED outcome (delta runs) counts with the others, a skip expects none.
     */
    public boolean invariantHolds() {
        return counts.invariantHolds();
    }
}

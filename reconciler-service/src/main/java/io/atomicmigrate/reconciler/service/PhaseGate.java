package io.atomicmigrate.reconciler.service;

import io.atomicmigrate.common.events.payload.ReconciliationReport.State;
import java.time.Duration;
import java.time.Instant;

/**
 * Decides whether a phase is complete (DESIGN §7). Complete means: the extractor has announced
 * how many rows it published, exactly that many reached the ledger (and they are the rows it
 * published: the checksum of their hashes is the extractor's), every row has the mapper's
 * verdict (mapped, skipped or rejected: the mapper says SKIP explicitly, nothing is inferred from
 * silence), and every mapped record (an UPSERT or a DELETE) has its outcome; a skip expects none. Anything less keeps the next phase waiting;
 * a phase that stops moving while unbalanced is STALLED with the reason in words, never
 * completed by a timeout.
 */
public final class PhaseGate {

    private final Duration stallAfter;

    public PhaseGate(Duration stallAfter) {
        this.stallAfter = stallAfter;
    }

    /** The verdict on a phase, with the reason when it is not complete. */
    public record Verdict(State state, String note) {
    }

    /**
     * @param expectedRows the rowCount of phase.extracted, null until it arrived
     * @param expectedChecksum the checksum of phase.extracted, null when it gave none
     * @param since        when the phase started (the quiet period before any record counts from it)
     * @param acceptedBy   who accepted the phase as it stands, or null
     */
    public Verdict judge(PhaseTally tally, Long expectedRows, String expectedChecksum, Instant since, Instant now,
                         String acceptedBy, String acceptedNote) {
        if (acceptedBy != null) {
            return new Verdict(State.COMPLETE, "accepted by " + acceptedBy + " with "
                    + unbalanced(tally, expectedRows, expectedChecksum)
                    + (acceptedNote == null || acceptedNote.isBlank() ? "" : ": " + acceptedNote));
        }
        long extracted = tally.counts().extracted();
        if (expectedRows != null && extracted == expectedRows && tally.awaitingMapping() == 0
                && tally.awaitingOutcome() == 0 && tally.invariantHolds()
                && (expectedChecksum == null || expectedChecksum.equalsIgnoreCase(tally.checksum()))) {
            return new Verdict(State.COMPLETE, null);
        }
        Instant lastMove = tally.lastChange() == null || (since != null && since.isAfter(tally.lastChange()))
                ? since : tally.lastChange();
        if (lastMove != null && Duration.between(lastMove, now).compareTo(stallAfter) >= 0) {
            return new Verdict(State.STALLED, "no progress for " + stallAfter.toSeconds() + " s: "
                    + unbalanced(tally, expectedRows, expectedChecksum));
        }
        return new Verdict(State.RUNNING, null);
    }

    /** What keeps the phase open, in words a person acts on. */
    static String unbalanced(PhaseTally tally, Long expectedRows, String expectedChecksum) {
        StringBuilder why = new StringBuilder();
        long extracted = tally.counts().extracted();
        if (expectedRows == null) {
            why.append("the extractor has not announced phase.extracted");
        } else if (extracted < expectedRows) {
            why.append(expectedRows - extracted).append(" of ").append(expectedRows)
                    .append(" announced row(s) not seen on crm.records.extracted");
        } else if (extracted > expectedRows) {
            why.append(extracted - expectedRows).append(" row(s) more than the ").append(expectedRows).append(" announced");
        }
        if (tally.awaitingMapping() > 0) {
            sep(why).append(tally.awaitingMapping()).append(" row(s) without a mapper verdict (mapped, skipped or rejected)");
        }
        if (tally.awaitingOutcome() > 0) {
            sep(why).append(tally.awaitingOutcome()).append(" mapped record(s) without a loader outcome");
        }
        if (why.isEmpty() && expectedChecksum != null && !expectedChecksum.equalsIgnoreCase(tally.checksum())) {
            why.append("the rows received (checksum ").append(tally.checksum())
                    .append(") are not the rows the extractor published (checksum ").append(expectedChecksum).append(")");
        }
        if (why.isEmpty() && !tally.invariantHolds()) {
            why.append("counts do not balance: ").append(tally.counts());
        }
        return why.isEmpty() ? "nothing open" : why.toString();
    }

    private static StringBuilder sep(StringBuilder b) {
        return b.isEmpty() ? b : b.append("; ");
    }
}

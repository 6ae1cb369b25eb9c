package io.atomicmigrate.reconciler.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.atomicmigrate.common.events.payload.PhaseCounts;
import io.atomicmigrate.common.events.payload.ReconciliationReport.State;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The gate of DESIGN §7, on its own: what completes a phase, what keeps it open, what stalls it. */
class PhaseGateTest {

    private static final Instant T0 = Instant.parse("2026-11-22T00:00:00Z");
    private final PhaseGate gate = new PhaseGate(Duration.ofSeconds(30));

    private static PhaseTally tally(long extracted, long mapped, long rejected, long created, long failed,
                                    long awaitingMapping, long awaitingOutcome) {
        return new PhaseTally(new PhaseCounts(extracted, mapped, rejected, created, 0, 0, 0, failed, 0),
                awaitingMapping, awaitingOutcome, Map.of(), Map.of(), T0, "00000000000000ab");
    }

    @Test
    void completeWhenTheAnnouncedRowsAreAllMappedOrRejectedAndEveryMappedRecordHasItsOutcome() {
        PhaseGate.Verdict v = gate.judge(tally(10, 8, 2, 7, 1, 0, 0), 10L, null, T0, T0.plusSeconds(1), null, null);
        assertThat(v.state()).isEqualTo(State.COMPLETE);
    }

    @Test
    void theSameNumberOfRowsIsNotEnoughWhenTheyAreNotTheRowsTheExtractorPublished() {
        PhaseTally tally = tally(10, 8, 2, 7, 1, 0, 0);
        assertThat(gate.judge(tally, 10L, "00000000000000AB", T0, T0.plusSeconds(1), null, null).state())
                .isEqualTo(State.COMPLETE);
        PhaseGate.Verdict other = gate.judge(tally, 10L, "00000000000000ac", T0, T0.plusSeconds(31), null, null);
        assertThat(other.state()).isEqualTo(State.STALLED);
        assertThat(other.note()).contains("not the rows the extractor published");
    }

    @Test
    void balancedCountsAreNotEnoughBeforeTheExtractorAnnouncedItsCount() {
        PhaseGate.Verdict v = gate.judge(tally(10, 8, 2, 7, 1, 0, 0), null, null, T0, T0.plusSeconds(1), null, null);
        assertThat(v.state()).isEqualTo(State.RUNNING);
    }

    @Test
    void rowsStillOnTheirWayKeepThePhaseOpen() {
        assertThat(gate.judge(tally(9, 7, 2, 6, 1, 0, 0), 10L, null, T0, T0.plusSeconds(1), null, null).state())
                .as("one announced row not seen yet").isEqualTo(State.RUNNING);
        assertThat(gate.judge(tally(10, 7, 2, 6, 1, 1, 0), 10L, null, T0, T0.plusSeconds(1), null, null).state())
                .as("one row not mapped yet").isEqualTo(State.RUNNING);
        assertThat(gate.judge(tally(10, 8, 2, 6, 1, 0, 1), 10L, null, T0, T0.plusSeconds(1), null, null).state())
                .as("one outcome missing").isEqualTo(State.RUNNING);
    }

    @Test
    void anUnbalancedPhaseThatStopsMovingIsStalledWithTheReasonNeverCompleted() {
        PhaseGate.Verdict v = gate.judge(tally(10, 7, 2, 7, 0, 1, 0), 10L, null, T0, T0.plusSeconds(31), null, null);
        assertThat(v.state()).isEqualTo(State.STALLED);
        assertThat(v.note()).contains("1 row(s) without a mapper verdict");
        assertThat(gate.judge(tally(0, 0, 0, 0, 0, 0, 0), null, null, T0, T0.plusSeconds(31), null, null).note())
                .contains("has not announced phase.extracted");
    }

    @Test
    void explicitSkipsBalanceAPhaseAndExpectNoOutcome() {
        // LEADS: 10 contacts, 3 leads created, 6 skipped (persons only), 1 rejected
        PhaseTally leads = new PhaseTally(new PhaseCounts(10, 3, 1, 3, 0, 0, 0, 0, 0, 6), 0, 0, Map.of(), Map.of(), T0,
                "00000000000000ab");
        assertThat(leads.invariantHolds()).isTrue();
        assertThat(gate.judge(leads, 10L, null, T0, T0.plusSeconds(1), null, null).state()).isEqualTo(State.COMPLETE);
        // without the skips the rows are unaccounted for: no silence is read as a skip
        PhaseTally silent = new PhaseTally(new PhaseCounts(10, 3, 1, 3, 0, 0, 0, 0, 0, 0), 6, 0, Map.of(), Map.of(), T0,
                "00000000000000ab");
        assertThat(gate.judge(silent, 10L, null, T0, T0.plusSeconds(1), null, null).state()).isEqualTo(State.RUNNING);
        assertThat(gate.judge(silent, 10L, null, T0, T0.plusSeconds(31), null, null).note())
                .contains("6 row(s) without a mapper verdict (mapped, skipped or rejected)");
    }

    @Test
    void deletedOutcomesSettleDeleteRecords() {
        // a delta run: 4 rows, 2 changed (updated), 2 deleted in the source (DELETE records → DELETED outcomes)
        PhaseTally delta = new PhaseTally(new PhaseCounts(4, 4, 0, 0, 0, 2, 0, 0, 2, 0), 0, 0, Map.of(), Map.of(), T0,
                "00000000000000ab");
        assertThat(gate.judge(delta, 4L, null, T0, T0.plusSeconds(1), null, null).state()).isEqualTo(State.COMPLETE);
        PhaseTally open = new PhaseTally(new PhaseCounts(4, 4, 0, 0, 0, 2, 0, 0, 1, 0), 0, 1, Map.of(), Map.of(), T0,
                "00000000000000ab");
        assertThat(gate.judge(open, 4L, null, T0, T0.plusSeconds(1), null, null).state()).isEqualTo(State.RUNNING);
    }

    @Test
    void aPersonCanAcceptAStalledPhaseAndTheReportSaysWhoAndWhatWasOpen() {
        PhaseGate.Verdict v = gate.judge(tally(10, 7, 2, 7, 0, 1, 0), 10L, null, T0, T0.plusSeconds(31), "ops@acme.com",
                "contacts that are not leads");
        assertThat(v.state()).isEqualTo(State.COMPLETE);
        assertThat(v.note()).contains("accepted by ops@acme.com").contains("1 row(s) without a mapper verdict")
                .contains("contacts that are not leads");
    }
}

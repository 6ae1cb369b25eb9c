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
        assertThat(v.note()).contains("1 row(s) neither mapped nor rejected");
        assertThat(gate.judge(tally(0, 0, 0, 0, 0, 0, 0), null, null, T0, T0.plusSeconds(31), null, null).note())
                .contains("has not announced phase.extracted");
    }

    @Test
    void rowsWithoutMapperOutputAreTheOnlyThingOpenOnlyWhenEverythingElseSettledAndItIsQuiet() {
        PhaseTally leads = tally(10, 7, 0, 7, 0, 3, 0);
        assertThat(gate.onlyUnmappedRowsOpen(leads, 10L, null, T0.plusSeconds(5), Duration.ofSeconds(5))).isTrue();
        assertThat(gate.onlyUnmappedRowsOpen(leads, 10L, null, T0.plusSeconds(4), Duration.ofSeconds(5)))
                .as("not quiet long enough").isFalse();
        assertThat(gate.onlyUnmappedRowsOpen(leads, 11L, null, T0.plusSeconds(5), Duration.ofSeconds(5)))
                .as("a row still on its way").isFalse();
        assertThat(gate.onlyUnmappedRowsOpen(tally(10, 7, 0, 6, 0, 3, 1), 10L, null, T0.plusSeconds(5),
                Duration.ofSeconds(5))).as("an outcome missing").isFalse();
        assertThat(gate.onlyUnmappedRowsOpen(leads, 10L, "00000000000000ff", T0.plusSeconds(5), Duration.ofSeconds(5)))
                .as("not the rows published").isFalse();
    }

    @Test
    void aPersonCanAcceptAStalledPhaseAndTheReportSaysWhoAndWhatWasOpen() {
        PhaseGate.Verdict v = gate.judge(tally(10, 7, 2, 7, 0, 1, 0), 10L, null, T0, T0.plusSeconds(31), "ops@acme.com",
                "contacts that are not leads");
        assertThat(v.state()).isEqualTo(State.COMPLETE);
        assertThat(v.note()).contains("accepted by ops@acme.com").contains("1 row(s) neither mapped nor rejected")
                .contains("contacts that are not leads");
    }
}

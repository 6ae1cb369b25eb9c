package io.atomicmigrate.reconciler.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.atomicmigrate.common.events.payload.PhaseCounts;
import io.atomicmigrate.common.events.payload.ReconciliationReport;
import io.atomicmigrate.common.events.payload.ReconciliationReport.State;
import io.atomicmigrate.common.json.Json;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reconciliation reports: built from a tally, stored as JSON, summed into a run's report. */
public final class Reports {

    private Reports() {
    }

    public static ReconciliationReport of(PhaseTally tally, PhaseGate.Verdict verdict, Long expectedRows,
                                          String expectedChecksum, Instant at) {
        return new ReconciliationReport(tally.counts(), tally.rejectedByReason(), tally.failedByError(), verdict.state(),
                tally.invariantHolds(), at, expectedRows, tally.awaitingMapping(), tally.awaitingOutcome(),
                verdict.note(), expectedChecksum, tally.checksum());
    }

    public static JsonObject json(ReconciliationReport report) {
        try {
            return new JsonObject(Json.mapper().writeValueAsString(report));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a report always serializes", e);
        }
    }

    public static ReconciliationReport parse(String json) {
        try {
            return Json.mapper().readValue(json, ReconciliationReport.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored report does not parse: " + e.getMessage(), e);
        }
    }

    /** Whether two reports say the same thing (the time they were generated aside). */
    public static boolean sameContent(ReconciliationReport a, ReconciliationReport b) {
        return a != null && b != null && json(a).copy().put("generatedAt", "").equals(json(b).copy().put("generatedAt", ""));
    }

    /**
     * The run's report: the sum of its phases' latest reports. COMPLETE when every phase is,
     * STALLED when one is, RUNNING otherwise; a phase not reported yet counts as zero and RUNNING.
     */
    public static ReconciliationReport sum(List<ReconciliationReport> phases, int phaseCount, Instant at) {
        long[] c = new long[10];
        Map<String, Long> reasons = new TreeMap<>();
        Map<String, Long> errors = new TreeMap<>();
        boolean holds = true;
        boolean stalled = false;
        int complete = 0;
        long awaitingMapping = 0;
        long awaitingOutcome = 0;
        Long expected = 0L;
        for (ReconciliationReport r : phases) {
            PhaseCounts p = r.counts();
            long[] v = {p.extracted(), p.mapped(), p.rejected(), p.created(), p.merged(), p.updated(), p.unchanged(),
                    p.failed(), p.deleted(), p.skipped()};
            for (int i = 0; i < v.length; i++) {
                c[i] += v[i];
            }
            r.rejectedByReason().forEach((k, n) -> reasons.merge(k, n, Long::sum));
            r.failedByError().forEach((k, n) -> errors.merge(k, n, Long::sum));
            holds &= r.invariantHolds();
            stalled |= r.state() == State.STALLED;
            complete += r.state() == State.COMPLETE ? 1 : 0;
            awaitingMapping += r.awaitingMapping();
            awaitingOutcome += r.awaitingOutcome();
            expected = expected == null || r.expectedRows() == null ? null : expected + r.expectedRows();
        }
        State state = complete == phaseCount ? State.COMPLETE : stalled ? State.STALLED : State.RUNNING;
        return new ReconciliationReport(new PhaseCounts(c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8], c[9]), reasons,
                errors, state, holds, at, phases.size() == phaseCount ? expected : null, awaitingMapping,
                awaitingOutcome, null, null, null);
    }
}

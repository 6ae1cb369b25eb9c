package io.atomicmigrate.reconciler.service;

import io.atomicmigrate.common.events.payload.ReconciliationReport;
import io.atomicmigrate.common.events.payload.RunStarted.RunKind;
import java.time.Instant;
import java.util.List;

/**
 * A run as REST and the dashboard show it.
 *
 * @param totals     the sum of its phases' latest reports
 * @param etaSeconds seconds left for the running phase at its current rate; null when unknown
 */
public record RunView(String runId, String migrationId, RunKind kind, int mapVersion, int sampleSize, String retryOf,
                      Run.State state, String confirmedBy, Instant confirmedAt, Instant startedAt, Instant completedAt,
                      List<PhaseView> phases, ReconciliationReport totals, Long etaSeconds) {

    /**
     * One phase of a run.
     *
     * @param state    PENDING, STARTING, RUNNING, STALLED or COMPLETE
     * @param settled  rows with a final status: rejected, skipped, or loaded (or deleted) with any outcome
     * @param progress settled / expected rows (or rows seen so far, until the extractor announced its count)
     */
    public record PhaseView(String phase, String state, ReconciliationReport report, long settled, double progress,
                            Long etaSeconds, Instant startedAt, Instant completedAt, String acceptedBy) {
    }
}

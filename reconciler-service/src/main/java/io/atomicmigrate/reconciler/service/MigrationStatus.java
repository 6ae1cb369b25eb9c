package io.atomicmigrate.reconciler.service;

import java.util.List;
import java.util.Map;

/**
 * Where a migration stands, from the lifecycle events and the runs the reconciler conducts.
 *
 * @param stage          the step of DESIGN §1 it is at, in words (e.g. SAMPLE_AWAITING_CONFIRMATION)
 * @param lifecycle      the latest payload of each lifecycle event type seen (map.approved, destination.ready, ...)
 * @param failures       migration.failed events: errors a person must look at
 * @param rateBudget     the rate budget of the account the migration writes to, from the loader's latest
 *                       budget.state: tokens left, writers waiting, paused until when and why; null before any
 */
public record MigrationStatus(String migrationId, String name, String stage, Integer approvedMapVersion,
                              List<RunView> runs, Map<String, Map<String, Object>> lifecycle,
                              List<Map<String, Object>> failures, BudgetView rateBudget) {
}

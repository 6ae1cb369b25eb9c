package io.atomicmigrate.extractor.service.scoping;

import io.atomicmigrate.common.events.payload.MigrationDiscovered;
import java.util.List;
import java.util.Map;

/**
 * The scoping report (DESIGN §1 step 2): what there is to move, what needs deciding, and what
 * the load will cost in Pipedrive calls, tokens and time on each plan.
 */
public record ScopingReport(
        String migrationId,
        String schemaGeneration,
        Map<String, Long> counts,
        List<MigrationDiscovered.CustomColumn> customFields,
        List<MigrationDiscovered.UnknownValue> unknownConfigValues,
        List<String> warnings,
        Complexity complexity,
        List<PhaseEstimate> phases,
        long totalCalls,
        long totalTokens,
        int seats,
        List<PlanDuration> durations,
        List<String> assumptions) {

    public record Complexity(String grade, int score, List<String> reasons) {
    }

    /**
     * @param operations each Pipedrive operation with its count and token cost per call
     */
    public record PhaseEstimate(String phase, long records, List<Operation> operations, long calls, long tokens) {
    }

    public record Operation(String operationId, String method, String path, long calls, int tokensPerCall) {
        public long tokens() {
            return calls * tokensPerCall;
        }
    }

    /**
     * @param burstSeconds      time if only the burst window limited us
     * @param budgetDays        token-budget days the load spans (1 = fits in one day's budget)
     * @param estimatedSeconds  the estimate: burst time, plus a full day of waiting per exhausted budget
     * @param bottleneck        BURST or DAILY_BUDGET
     */
    public record PlanDuration(String plan, long dailyTokens, int burstPer2s, double burstSeconds, long budgetDays,
                               double estimatedSeconds, String estimatedDuration, String bottleneck) {
    }
}

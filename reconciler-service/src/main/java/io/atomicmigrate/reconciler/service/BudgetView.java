package io.atomicmigrate.reconciler.service;

import io.atomicmigrate.common.events.payload.BudgetState;
import java.time.Instant;

/**
 * The rate budget of the Pipedrive account a migration writes to, as REST and the dashboard show
 * it (from the loader's latest budget.state).
 *
 * @param tokensLeft     daily tokens left; null when the loader does not know the account's budget
 * @param waitingWriters loader writers waiting for a slot right now
 * @param paused         whether the whole account is paused now (pausedUntil is in the future)
 * @param pausedUntil    until when it is paused (null when it is not)
 * @param pauseReason    RATE_LIMITED (a 429) or DAILY_BUDGET_SPENT; null when not paused
 * @param reportedAt     when the loader reported this state
 */
public record BudgetView(long companyId, Long dailyBudget, long tokensSpentToday, Long tokensLeft, int burstLimit,
                         long burstWindowMillis, int requestsInWindow, int waitingWriters, boolean paused,
                         Instant pausedUntil, String pauseReason, long rateLimitedCount, Instant reportedAt) {

    public static BudgetView of(BudgetState s, Instant reportedAt, Instant now) {
        boolean paused = s.pausedUntil() != null && s.pausedUntil().isAfter(now);
        return new BudgetView(s.companyId(), s.dailyBudget(), s.tokensSpentToday(), s.tokensLeft(), s.burstLimit(),
                s.burstWindowMillis(), s.requestsInWindow(), s.waitingWriters(), paused,
                paused ? s.pausedUntil() : null, paused ? s.pauseReason() : null, s.rateLimitedCount(), reportedAt);
    }
}

package io.atomicmigrate.common.events.payload;

import io.atomicmigrate.common.events.EventPayload;
import java.time.Instant;

/**
 * The shared rate budget of the Pipedrive account a migration writes to, as the loader sees it
 * (DESIGN §5). Published for every migration writing to the account: periodically while it loads,
 * and at once when the account is paused or resumes, so dashboards can show tokens left and waiting.
 *
 * @param companyId          the Pipedrive company id (the budget is per account)
 * @param burstLimit         requests allowed per burst window per API token
 * @param burstWindowMillis  the rolling burst window (2,000 ms on every plan)
 * @param requestsInWindow   requests granted in the current window
 * @param dailyBudget        the account's daily token budget, null when unknown
 * @param tokensSpentToday   tokens spent today, as of the last reservation or {@code x-ratelimit-*} header
 * @param tokensLeft         daily tokens left, null when unknown
 * @param waitingWriters     writer threads of this loader replica waiting for a slot
 * @param pausedUntil        while the whole account is paused (after a 429 or a spent daily budget), until when; else null
 * @param pauseReason        why it is paused: {@code RATE_LIMITED} (429), {@code DAILY_BUDGET_SPENT}; null when not paused
 * @param rateLimitedCount   429 answers received for this account since the loader started
 */
public record BudgetState(long companyId, int burstLimit, long burstWindowMillis, int requestsInWindow,
                          Long dailyBudget, long tokensSpentToday, Long tokensLeft, int waitingWriters,
                          Instant pausedUntil, String pauseReason, long rateLimitedCount) implements EventPayload {
}

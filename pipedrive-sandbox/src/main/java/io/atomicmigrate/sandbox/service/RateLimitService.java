package io.atomicmigrate.sandbox.service;

import io.atomicmigrate.sandbox.config.Behaviour;
import io.atomicmigrate.sandbox.config.Plan;
import io.atomicmigrate.sandbox.repository.Account;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides whether a call may proceed under the burst window (per token, per plan and auth type),
 * the search window (10 per 2 s) and the company's daily token budget, and which
 * x-ratelimit-* headers it carries (checklist 17-21).
 */
public final class RateLimitService {
    public static final int SEARCH_LIMIT = 10;

    public enum Verdict { ADMITTED, BURST_LIMITED, DAILY_EXHAUSTED, BLOCKED }

    /** The verdict plus the headers to put on the response whatever it turns out to be. */
    public record Decision(Verdict verdict, Map<String, String> headers, long retryAfterSeconds) {
        public boolean admitted() {
            return verdict == Verdict.ADMITTED;
        }
    }

    private final SandboxClock clock;
    private final Behaviour behaviour;
    private final Map<String, BurstWindow> burst = new ConcurrentHashMap<>();
    private final Map<String, BurstWindow> search = new ConcurrentHashMap<>();
    private final Map<Long, DailyBudget> budgets = new ConcurrentHashMap<>();

    public RateLimitService(SandboxClock clock, Behaviour behaviour) {
        this.clock = clock;
        this.behaviour = behaviour;
    }

    public Decision admit(Account account, String token, boolean oauth, int cost, boolean isSearch) {
        long now = clock.millis();
        Plan plan = account.spec.planOrDefault();
        int limit = isSearch ? SEARCH_LIMIT : oauth ? plan.oauthBurst : plan.apiTokenBurst;
        BurstWindow window = (isSearch ? search : burst).computeIfAbsent(token, t -> new BurstWindow());
        DailyBudget budget = budget(account);
        Map<String, String> headers = new LinkedHashMap<>();
        if (!behaviour.limitsEnabled) {
            budget.charge(now, behaviour.dailyResetHourUtc, cost);
            return new Decision(Verdict.ADMITTED, headers(headers, limit, limit, 0), 0);
        }
        // an exhausted budget refuses everything until reset, before any burst accounting
        long daily = account.spec.effectiveDailyBudget();
        if (budget.spent(now, behaviour.dailyResetHourUtc) + cost > daily) {
            BurstWindow.Result peek = window.peek(now, limit);
            headers(headers, limit, peek.remaining(), peek.resetSeconds());
            long retry = budget.secondsToReset(now, behaviour.dailyResetHourUtc);
            headers.put("retry-after", Long.toString(retry));
            if (behaviour.chargeRejectedCalls) {
                budget.charge(now, behaviour.dailyResetHourUtc, cost);
            }
            return new Decision(Verdict.DAILY_EXHAUSTED, daily(headers, account, budget, now), retry);
        }
        BurstWindow.Result r = window.tryAcquire(now, limit, behaviour.penaltySeconds * 1000L,
                behaviour.penaltyExtendsOnViolation, behaviour.blockAfterConsecutive429s, behaviour.blockSeconds * 1000L);
        if (r.outcome() == BurstWindow.Outcome.ADMITTED && isSearch && behaviour.searchCountsInBurstWindow) {
            BurstWindow general = burst.computeIfAbsent(token, t -> new BurstWindow());
            BurstWindow.Result g = general.tryAcquire(now, oauth ? plan.oauthBurst : plan.apiTokenBurst,
                    behaviour.penaltySeconds * 1000L, behaviour.penaltyExtendsOnViolation,
                    behaviour.blockAfterConsecutive429s, behaviour.blockSeconds * 1000L);
            if (g.outcome() != BurstWindow.Outcome.ADMITTED) {
                r = g;
            }
        }
        headers(headers, r.limit(), r.remaining(), r.resetSeconds());
        if (r.outcome() != BurstWindow.Outcome.ADMITTED) {
            headers.put("retry-after", Long.toString(r.resetSeconds()));
            if (behaviour.chargeRejectedCalls) {
                budget.charge(now, behaviour.dailyResetHourUtc, cost);
            }
            Verdict v = r.outcome() == BurstWindow.Outcome.BLOCKED ? Verdict.BLOCKED : Verdict.BURST_LIMITED;
            return new Decision(v, daily(headers, account, budget, now), r.resetSeconds());
        }
        // re-checked atomically: concurrent calls may have spent the rest since the first look
        if (!budget.tryCharge(now, behaviour.dailyResetHourUtc, daily, cost)) {
            long retry = budget.secondsToReset(now, behaviour.dailyResetHourUtc);
            headers.put("retry-after", Long.toString(retry));
            return new Decision(Verdict.DAILY_EXHAUSTED, daily(headers, account, budget, now), retry);
        }
        return new Decision(Verdict.ADMITTED, daily(headers, account, budget, now), 0);
    }

    private Map<String, String> daily(Map<String, String> headers, Account account, DailyBudget budget, long now) {
        if (behaviour.dailyHeaders) {
            long limit = account.spec.effectiveDailyBudget();
            long left = Math.max(0, limit - budget.spent(now, behaviour.dailyResetHourUtc));
            headers.put("x-daily-ratelimit-token-limit", Long.toString(limit));
            headers.put("x-daily-ratelimit-token-remaining", Long.toString(left));
            headers.put("x-daily-requests-left", Long.toString(left));
        }
        return headers;
    }

    private static Map<String, String> headers(Map<String, String> h, int limit, int remaining, long reset) {
        h.put("x-ratelimit-limit", Integer.toString(limit));
        h.put("x-ratelimit-remaining", Integer.toString(remaining));
        h.put("x-ratelimit-reset", Long.toString(reset));
        return h;
    }

    public DailyBudget budget(Account account) {
        return budgets.computeIfAbsent(account.companyId, id -> new DailyBudget());
    }

    public long tokensSpent(Account account) {
        return budget(account).spent(clock.millis(), behaviour.dailyResetHourUtc);
    }

    public long tokensLeft(Account account) {
        return Math.max(0, account.spec.effectiveDailyBudget() - tokensSpent(account));
    }

    /** Burst-window state of a token for inspection: requests in window, penalty and block end. */
    public Map<String, Object> windowState(String token) {
        long now = clock.millis();
        Map<String, Object> m = new LinkedHashMap<>();
        BurstWindow b = burst.get(token);
        BurstWindow s = search.get(token);
        m.put("in_window", b == null ? 0 : b.inWindow(now));
        m.put("search_in_window", s == null ? 0 : s.inWindow(now));
        m.put("penalty_ms_left", b == null ? 0 : Math.max(0, b.penaltyUntil() - now));
        m.put("blocked_ms_left", b == null ? 0 : Math.max(0, b.blockedUntil() - now));
        return m;
    }

    /** Forget windows, penalties and spent tokens of an account's tokens (admin reset). */
    public void reset(Account account) {
        account.tokens.keySet().forEach(t -> {
            burst.remove(t);
            search.remove(t);
        });
        budgets.remove(account.companyId);
    }
}

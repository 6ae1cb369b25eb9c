package io.atomicmigrate.loader.service;

import io.atomicmigrate.loader.config.LoaderConfig;
import io.atomicmigrate.loader.repository.RateBudgetRepository;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * This replica's side of the shared rate budget: it reserves burst slots and daily tokens from
 * Postgres in batches ({@link RateBudgetRepository}) and hands them out to the writer threads in
 * order. A thread waits for its slot by sleeping on a worker thread: the Kafka connector keeps
 * polling (partitions are paused while its queue is full), so waiting never causes a rebalance.
 */
@ApplicationScoped
public class RateBudget {

    private static final Logger LOG = Logger.getLogger(RateBudget.class);
    private static final long MAX_MARGIN_MS = 1_000;

    private final RateBudgetRepository repository;
    private final LoaderConfig.Budget config;
    private final MeterRegistry metrics;
    private final Clock clock;
    private final Map<String, Allowance> allowances = new ConcurrentHashMap<>();

    @Inject
    public RateBudget(RateBudgetRepository repository, LoaderConfig config, MeterRegistry metrics) {
        this(repository, config.budget(), metrics, Clock.systemUTC());
    }

    /** A second budget client on the same tables: another replica, as the shared-budget test and the bench need. */
    public RateBudget(RateBudgetRepository repository, LoaderConfig.Budget config, MeterRegistry metrics, Clock clock) {
        this.repository = repository;
        this.config = config;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** One API token's reserved slots and tokens, and what the account's metrics show. */
    private final class Allowance {
        final String tokenKey;
        final long accountId;
        final ArrayDeque<Long> slots = new ArrayDeque<>();
        long tokens;
        volatile long pausedUntil;
        volatile int limit = config.burstLimit();
        /** Starts at the configured margin; every 429 widens it (jitter was larger than assumed), successes narrow it again. */
        volatile long marginMs = config.burstMargin().toMillis();
        final AtomicInteger waiting = new AtomicInteger();
        final AtomicLong tokensLeft = new AtomicLong(-1);
        final Counter spent;
        final Counter limited;
        final Counter late;

        Allowance(String tokenKey, long accountId) {
            this.tokenKey = tokenKey;
            this.accountId = accountId;
            String account = Long.toString(accountId);
            Gauge.builder("loader.budget.waiting", waiting, AtomicInteger::get)
                    .description("writer threads waiting for Pipedrive budget").tag("account", account)
                    .tag("token", tokenKey).register(metrics);
            Gauge.builder("loader.budget.tokens.left", tokensLeft, AtomicLong::get)
                    .description("daily tokens left for the account, as of the last reservation")
                    .tag("account", account).tag("token", tokenKey).register(metrics);
            Gauge.builder("loader.budget.paused", this, a -> a.pausedUntil > clock.millis() ? 1 : 0)
                    .description("1 while the account is paused after a 429 or a spent daily budget")
                    .tag("account", account).tag("token", tokenKey).register(metrics);
            Gauge.builder("loader.budget.burst.margin", this, a -> a.marginMs)
                    .description("ms added to the rolling window; widened after a 429").baseUnit("milliseconds")
                    .tag("account", account).tag("token", tokenKey).register(metrics);
            Gauge.builder("loader.budget.burst.limit", this, a -> a.limit)
                    .description("requests per rolling window, corrected from x-ratelimit-limit")
                    .tag("account", account).tag("token", tokenKey).register(metrics);
            spent = Counter.builder("loader.budget.tokens.spent").description("daily tokens charged by this replica")
                    .tag("account", account).tag("token", tokenKey).register(metrics);
            limited = Counter.builder("loader.budget.rate.limited").description("429 answers received")
                    .tag("account", account).tag("token", tokenKey).register(metrics);
            late = Counter.builder("loader.budget.slots.rebooked").description("slots given up because the thread woke late")
                    .tag("account", account).tag("token", tokenKey).register(metrics);
        }
    }

    private Allowance allowance(String tokenKey, long accountId) {
        return allowances.computeIfAbsent(tokenKey + "@" + accountId, k -> new Allowance(tokenKey, accountId));
    }

    private long dailyBudget(long accountId) {
        return config.accountDailyTokens().getOrDefault(Long.toString(accountId), config.dailyTokens());
    }

    /**
     * Blocks until this call may start: a burst slot is due and {@code cost} daily tokens are held.
     * Interrupts are honoured (shutdown).
     */
    public void acquire(String tokenKey, long accountId, int cost) {
        Allowance a = allowance(tokenKey, accountId);
        a.waiting.incrementAndGet();
        try {
            int charge = cost;
            while (true) {
                long slot = take(a, charge);
                charge = 0;
                sleepUntil(slot);
                // A thread that wakes late (a loaded machine) would send later than its slot and squeeze the
                // requests booked one window after it; it takes a fresh slot instead (the old one stays
                // booked). Moving the grant to the real send time instead was measured: it let 429s through.
                if (clock.millis() - slot <= a.marginMs / 3) {
                    return;
                }
                a.late.increment();
            }
        } finally {
            a.waiting.decrementAndGet();
        }
    }

    /** The next slot of this token, charging {@code cost} daily tokens (0 when re-booking a late slot). */
    private long take(Allowance a, int cost) {
        String tokenKey = a.tokenKey;
        long accountId = a.accountId;
        {
            long slot;
            synchronized (a) {
                while (true) {
                    long now = clock.millis();
                    if (a.pausedUntil > now) {
                        sleepUntil(a.pausedUntil);
                        continue;
                    }
                    if (a.slots.isEmpty() || a.tokens < cost) {
                        RateBudgetRepository.Reservation r = repository.reserve(tokenKey, accountId,
                                a.slots.isEmpty() ? config.reservationBatch() : 0,
                                a.tokens < cost ? Math.max(cost, config.tokenChunk()) : 0,
                                a.limit, config.burstWindow().toMillis(), a.marginMs,
                                dailyBudget(accountId), now);
                        a.slots.addAll(r.slots());
                        a.marginMs = Math.max(config.burstMargin().toMillis(), a.marginMs - 1);
                        a.tokens += r.tokens();
                        a.limit = r.windowLimit();
                        a.tokensLeft.set(r.tokensLeft());
                        a.pausedUntil = r.pausedUntil() == null ? 0 : r.pausedUntil().toEpochMilli();
                        if (a.tokens < cost) {
                            LOG.warnf("daily Pipedrive token budget of account %d is spent; writes wait until %s",
                                    accountId, r.pausedUntil());
                            a.slots.clear();
                            continue;
                        }
                        if (a.slots.isEmpty()) {
                            continue;
                        }
                    }
                    slot = a.slots.poll();
                    a.tokens -= cost;
                    a.spent.increment(cost);
                    break;
                }
            }
            return slot;
        }
    }

    /** A 429: every replica writing to the account stops for the penalty. */
    public void rateLimited(String tokenKey, long accountId, Duration retryAfter, boolean daily) {
        Allowance a = allowance(tokenKey, accountId);
        a.limited.increment();
        Instant until = clock.instant().plus(retryAfter.isZero() ? config.defaultPenalty() : retryAfter);
        repository.pause(accountId, until, daily ? "daily" : "burst", dailyBudget(accountId));
        synchronized (a) {
            if (!daily) {
                a.marginMs = Math.min(MAX_MARGIN_MS, a.marginMs * 2 + 20);
            }
            a.pausedUntil = Math.max(a.pausedUntil, until.toEpochMilli());
            a.slots.clear(); // they fall inside the penalty; the next reservation starts after it
        }
        LOG.warnf("Pipedrive answered 429 (%s) for account %d: pausing it for %s", daily ? "daily budget" : "burst",
                accountId, retryAfter);
    }

    /** Headers of a response: a different x-ratelimit-limit corrects the shared window. */
    public void observed(String tokenKey, long accountId, Integer limit) {
        Allowance a = allowance(tokenKey, accountId);
        if (limit != null && limit > 0 && limit != a.limit) {
            repository.correctLimit(tokenKey, accountId, limit, config.burstWindow().toMillis());
            a.limit = limit;
            LOG.infof("burst limit of account %d corrected to %d per %s from x-ratelimit-limit", accountId, limit,
                    config.burstWindow());
        }
    }

    /** What the REST API shows for an account. */
    public record Status(long accountId, long dailyBudget, long spentToday, long tokensLeft, Instant pausedUntil,
                         String pauseReason, int waitingThreads, int burstLimit) {
    }

    public Status status(long accountId) {
        RateBudgetRepository.DailyState s = repository.daily(accountId);
        int waiting = 0;
        int limit = config.burstLimit();
        for (Allowance a : allowances.values()) {
            if (a.accountId == accountId) {
                waiting += a.waiting.get();
                limit = a.limit;
            }
        }
        long budget = s == null ? dailyBudget(accountId) : s.budget();
        long spent = s == null ? 0 : s.spent();
        return new Status(accountId, budget, spent, budget - spent, s == null ? null : s.pausedUntil(),
                s == null ? null : s.pauseReason(), waiting, limit);
    }

    private void sleepUntil(long epochMs) {
        long delay = epochMs - clock.millis();
        if (delay <= 0) {
            return;
        }
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Pipedrive budget", e);
        }
    }
}

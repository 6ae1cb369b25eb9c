package io.atomicmigrate.loader.service;

import io.atomicmigrate.common.events.Phase;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
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
    /** Daily-budget key of the calls made before the company id is known (PipedriveClientFactory). */
    private static final long PIPEDRIVE_UNKNOWN_COMPANY = 0;

    private final RateBudgetRepository repository;
    private final LoaderConfig.Budget config;
    private final MeterRegistry metrics;
    private final Clock clock;
    private final Map<String, Allowance> allowances = new ConcurrentHashMap<>();
    private final List<LongConsumer> pauseListeners = new CopyOnWriteArrayList<>();

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
        /** Migrations whose records this replica wrote (or waits to write) through this token, by migration id. */
        final Map<String, Writer> writers = new ConcurrentHashMap<>();

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

    /** A migration writing through one allowance: its latest run and phase, when it last asked for budget, who waits now. */
    private static final class Writer {
        volatile String runId;
        volatile Phase phase;
        volatile long lastSeen;
        final AtomicInteger inside = new AtomicInteger();
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
        Writer writer = enter(a, CurrentWrite.get());
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
            leave(writer);
        }
    }

    private Writer enter(Allowance a, CurrentWrite.Write write) {
        if (write == null || write.migrationId() == null) {
            return null;
        }
        Writer w = a.writers.computeIfAbsent(write.migrationId(), k -> new Writer());
        if (write.runId() != null) {
            w.runId = write.runId();
        }
        if (write.phase() != null) {
            w.phase = write.phase();
        }
        w.lastSeen = clock.millis();
        w.inside.incrementAndGet();
        return w;
    }

    private void leave(Writer w) {
        if (w != null) {
            w.lastSeen = clock.millis();
            w.inside.decrementAndGet();
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
                        long pausedBefore = a.pausedUntil;
                        a.pausedUntil = r.pausedUntil() == null ? 0 : r.pausedUntil().toEpochMilli();
                        if (a.pausedUntil > now && a.pausedUntil > pausedBefore) {
                            pauseChanged(accountId); // a spent daily budget, or another replica's 429
                        }
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
        pauseChanged(accountId);
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

    /**
     * Calls {@code listener} with the account id whenever this replica learns that an account is
     * paused (its own 429, a spent daily budget, or another replica's pause seen at a reservation).
     * Called on writer threads, sometimes holding the allowance's lock: it must only hand work off.
     */
    public void onPause(LongConsumer listener) {
        pauseListeners.add(listener);
    }

    private void pauseChanged(long accountId) {
        for (LongConsumer l : pauseListeners) {
            try {
                l.accept(accountId);
            } catch (RuntimeException e) {
                LOG.warnf("budget pause listener failed: %s", e.toString());
            }
        }
    }

    /** A migration writing to an account: the run and phase of its latest record (null when unknown). */
    public record Writing(String migrationId, String runId, Phase phase) {
    }

    /**
     * An account's budget as this replica sees it, for the budget.state event. {@code pauseReason} is
     * {@code RATE_LIMITED} or {@code DAILY_BUDGET_SPENT} (null with {@code pausedUntil} when not paused);
     * {@code writing} lists the migrations that asked for budget within the given time or wait for it now.
     */
    public record AccountState(long accountId, int burstLimit, long burstWindowMillis, int requestsInWindow,
                               long dailyBudget, long tokensSpentToday, long tokensLeft, int waitingWriters,
                               Instant pausedUntil, String pauseReason, long rateLimitedCount, List<Writing> writing) {
    }

    /** The company accounts this replica has called (the one of calls made before the company was known aside). */
    public List<Long> accounts() {
        return allowances.values().stream().map(a -> a.accountId).filter(id -> id != PIPEDRIVE_UNKNOWN_COMPANY)
                .distinct().toList();
    }

    public AccountState state(long accountId, Duration activeWithin) {
        long now = clock.millis();
        int limit = config.burstLimit();
        int waiting = 0;
        long limited = 0;
        List<String> tokens = new ArrayList<>();
        Map<String, Writing> writing = new java.util.TreeMap<>();
        for (Allowance a : allowances.values()) {
            if (a.accountId != accountId) {
                continue;
            }
            tokens.add(a.tokenKey);
            limit = a.limit;
            waiting += a.waiting.get();
            limited += (long) a.limited.count();
            a.writers.forEach((migrationId, w) -> {
                if (w.inside.get() > 0 || now - w.lastSeen <= activeWithin.toMillis()) {
                    writing.put(migrationId, new Writing(migrationId, w.runId, w.phase));
                }
            });
        }
        RateBudgetRepository.DailyState s = repository.daily(accountId);
        long budget = s == null ? dailyBudget(accountId) : s.budget();
        long spent = s == null || !s.day().equals(java.time.LocalDate.ofInstant(Instant.ofEpochMilli(now),
                java.time.ZoneOffset.UTC)) ? 0 : s.spent();
        Instant pausedUntil = s == null || s.pausedUntil() == null || s.pausedUntil().toEpochMilli() <= now
                ? null : s.pausedUntil();
        String reason = pausedUntil == null ? null : "daily".equals(s.pauseReason()) ? "DAILY_BUDGET_SPENT" : "RATE_LIMITED";
        long windowMs = config.burstWindow().toMillis();
        int inWindow = repository.grantsBetween(tokens, now - windowMs, now);
        return new AccountState(accountId, limit, windowMs, inWindow, budget, spent, budget - spent, waiting,
                pausedUntil, reason, limited, List.copyOf(writing.values()));
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

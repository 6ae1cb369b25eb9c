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
    private static final int ROUND_TRIP_SAMPLES = 64;
    /** How long a thread waits before asking again when every permit is held by a request still in flight. */
    private static final long ALL_IN_FLIGHT_POLL_MS = 10;
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
        final ArrayDeque<RateBudgetRepository.Grant> slots = new ArrayDeque<>();
        /** Round trips of the last requests (ms): their minimum is the path latency every request has. */
        final long[] roundTrips = new long[ROUND_TRIP_SAMPLES];
        int roundTripCount;
        long tokens;
        volatile long pausedUntil;
        volatile int limit = config.burstLimit();
        /** Starts at the configured margin; every 429 widens it (jitter was larger than assumed), successes narrow it again. */
        volatile long marginMs = config.burstMargin().toMillis();
        final AtomicInteger waiting = new AtomicInteger();
        final AtomicLong tokensLeft = new AtomicLong(-1);
        final Counter spent;
        final Counter limited;
        final Counter waited;
        final Counter late;
        final Counter held;
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
            waited = Counter.builder("loader.budget.wait").baseUnit("seconds")
                    .description("time writer threads spent waiting for a burst permit or daily tokens")
                    .tag("account", account).tag("token", tokenKey).register(metrics);
            late = Counter.builder("loader.budget.late").baseUnit("seconds")
                    .description("time between a permit's start and its request being sent (threads waking late)")
                    .tag("account", account).tag("token", tokenKey).register(metrics);
            held = Counter.builder("loader.budget.held").baseUnit("seconds")
                    .description("time permits were held beyond the window (answer jitter + margin + late send)")
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

    /** A daily budget nobody configured: not enforced here (Pipedrive's daily 429 pauses the account). */
    public static final long UNKNOWN_DAILY_BUDGET = Long.MAX_VALUE / 4;

    private long dailyBudget(long accountId) {
        long budget = config.accountDailyTokens().getOrDefault(Long.toString(accountId), config.dailyTokens());
        return budget > 0 ? budget : UNKNOWN_DAILY_BUDGET;
    }

    /**
     * Blocks until this call may start: a burst permit is due and {@code cost} daily tokens are held.
     * The request must be made right after, and the permit closed as soon as its answer (or failure)
     * is in: that time bounds when the request reached Pipedrive, and frees the permit a window later.
     * Interrupts are honoured (shutdown).
     */
    public Permit acquire(String tokenKey, long accountId, int cost) {
        Allowance a = allowance(tokenKey, accountId);
        a.waiting.incrementAndGet();
        Writer writer = enter(a, CurrentWrite.get());
        long asked = clock.millis();
        try {
            // a thread that wakes late only sends later than its permit allows: safe, so no re-booking
            RateBudgetRepository.Grant grant = take(a, cost);
            long sent = clock.millis();
            a.waited.increment((sent - asked) / 1000.0);
            a.late.increment((sent - grant.at()) / 1000.0);
            return new Permit(a, grant.id(), grant.at(), sent);
        } finally {
            a.waiting.decrementAndGet();
            leave(writer);
        }
    }

    /**
     * One request's burst permit. Closing it records when the answer came: the request reached
     * Pipedrive before that, at the latest {@code answer - minimum round trip} on a path whose latency
     * does not drop below what it showed (its constant part cancels out, as it does for every request),
     * so the permit is freed for the request a window plus the margin after that.
     */
    public final class Permit implements AutoCloseable {
        private final Allowance a;
        private final long id;
        private final long grantedAt;
        private final long sentAt;
        private boolean closed;

        private Permit(Allowance a, long id, long grantedAt, long sentAt) {
            this.a = a;
            this.id = id;
            this.grantedAt = grantedAt;
            this.sentAt = sentAt;
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            long answered = clock.millis();
            long minRoundTrip;
            synchronized (a.roundTrips) {
                a.roundTrips[a.roundTripCount++ % ROUND_TRIP_SAMPLES] = answered - sentAt;
                minRoundTrip = Long.MAX_VALUE;
                for (int i = 0; i < Math.min(a.roundTripCount, ROUND_TRIP_SAMPLES); i++) {
                    minRoundTrip = Math.min(minRoundTrip, a.roundTrips[i]);
                }
            }
            long release = answered - minRoundTrip + config.burstWindow().toMillis() + a.marginMs;
            a.held.increment(Math.max(0, release - grantedAt - config.burstWindow().toMillis()) / 1000.0);
            try {
                repository.release(a.tokenKey, List.of(id), release);
            } catch (RuntimeException e) {
                // the permit stays held until its in-flight bound: slower, never over the limit
                LOG.warnf("burst permit not released: %s", e.getMessage());
            }
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

    /**
     * The next permit of this token once it is due, charging {@code cost} daily tokens. Permits go to
     * whichever waiting thread is awake first when the earliest one is due (all waiters sleep until
     * then), not to a thread chosen in advance: on a loaded machine one thread can wake tens of ms late,
     * and the permit would sit idle meanwhile.
     */
    private RateBudgetRepository.Grant take(Allowance a, int cost) {
        String tokenKey = a.tokenKey;
        long accountId = a.accountId;
        while (true) {
            long wakeAt;
            synchronized (a) {
                long now = clock.millis();
                if (a.pausedUntil > now) {
                    wakeAt = a.pausedUntil;
                } else {
                    if (a.slots.isEmpty() || a.tokens < cost) {
                        RateBudgetRepository.Reservation r = repository.reserve(tokenKey, accountId,
                                a.slots.isEmpty() ? config.reservationBatch() : 0,
                                a.tokens < cost ? Math.max(cost, config.tokenChunk()) : 0,
                                a.limit, config.burstWindow().toMillis(), dailyBudget(accountId), now,
                                config.inFlightBound().toMillis());
                        a.slots.addAll(r.grants());
                        a.marginMs = Math.max(config.burstMargin().toMillis(), a.marginMs - 1);
                        a.tokens += r.tokens();
                        a.limit = r.windowLimit();
                        // -1: the daily budget is unknown (not configured), so nothing is counted down
                        a.tokensLeft.set(r.dailyBudget() >= UNKNOWN_DAILY_BUDGET ? -1 : r.tokensLeft());
                        long pausedBefore = a.pausedUntil;
                        a.pausedUntil = r.pausedUntil() == null ? 0 : r.pausedUntil().toEpochMilli();
                        if (a.pausedUntil > now && a.pausedUntil > pausedBefore) {
                            pauseChanged(accountId); // a spent daily budget, or another replica's 429
                        }
                        if (a.tokens < cost) {
                            LOG.warnf("daily Pipedrive token budget of account %d is spent; writes wait until %s",
                                    accountId, r.pausedUntil());
                            releaseUnused(a);
                            continue;
                        }
                    }
                    RateBudgetRepository.Grant head = a.slots.peek();
                    if (head != null && head.at() <= clock.millis()) {
                        a.slots.poll();
                        a.tokens -= cost;
                        a.spent.increment(cost);
                        return head;
                    }
                    // none due yet, or every permit is held by a request still in flight (its answer frees one)
                    wakeAt = head != null ? head.at() : now + ALL_IN_FLIGHT_POLL_MS;
                }
            }
            sleepUntil(wakeAt);
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
            releaseUnused(a); // they fall inside the penalty; the next reservation starts after it
        }
        pauseChanged(accountId);
        LOG.warnf("Pipedrive answered 429 (%s) for account %d: pausing it for %s", daily ? "daily budget" : "burst",
                accountId, retryAfter);
    }

    /** Gives back permits reserved but not used (they were never sent). Holding the allowance's lock. */
    private void releaseUnused(Allowance a) {
        if (a.slots.isEmpty()) {
            return;
        }
        List<Long> ids = a.slots.stream().map(RateBudgetRepository.Grant::id).toList();
        a.slots.clear();
        try {
            repository.release(a.tokenKey, ids, clock.millis());
        } catch (RuntimeException e) {
            LOG.warnf("unused burst permits not released: %s", e.getMessage());
        }
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
        int inWindow = repository.permitsHeld(tokens, now);
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

package io.atomicmigrate.loader.messaging;

import io.atomicmigrate.common.events.EventEnvelope;
import io.atomicmigrate.common.events.payload.BudgetState;
import io.atomicmigrate.loader.config.LoaderConfig;
import io.atomicmigrate.loader.service.RateBudget;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Publishes budget.state (crm.migration.events, keyed by migration) for every migration writing to
 * a Pipedrive account: every {@code loader.budget.state-interval} while it writes, at once when the
 * account is paused (429, spent daily budget) and at once when the pause ends. Every migration on
 * the account gets the account's state, since they share its budget.
 *
 * <p>All work happens on one thread of its own: the budget hands pauses over without waiting, so a
 * writer never waits for Kafka because of this, and the bookkeeping below needs no locks.
 */
@ApplicationScoped
public class BudgetStateAnnouncer {

    private static final Logger LOG = Logger.getLogger(BudgetStateAnnouncer.class);
    /** After the pause ends, look a moment later so the account's row is past it for certain. */
    private static final long RESUME_SLACK_MS = 50;

    private final RateBudget budget;
    private final EventPublisher publisher;
    private final Duration interval;
    /** Paused accounts and the migrations told so: they are told of the resume even if they stopped writing. */
    private final Map<Long, Map<String, RateBudget.Writing>> toldPaused = new HashMap<>();
    /** When a resume check is scheduled per account (epoch ms), so each pause schedules one. */
    private final Map<Long, Long> resumeChecks = new HashMap<>();
    private ScheduledExecutorService executor;

    public BudgetStateAnnouncer(RateBudget budget, EventPublisher publisher, LoaderConfig config) {
        this.budget = budget;
        this.publisher = publisher;
        this.interval = config.budget().stateInterval();
    }

    void start(@Observes StartupEvent event) {
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "loader-budget-state");
            t.setDaemon(true);
            return t;
        });
        budget.onPause(accountId -> executor.execute(() -> announce(accountId)));
        executor.scheduleWithFixedDelay(this::announceAll, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    private void announceAll() {
        for (long accountId : budget.accounts()) {
            announce(accountId);
        }
    }

    private void announce(long accountId) {
        try {
            // "writing" = asked for budget within two intervals, or waiting for it now (a long pause)
            RateBudget.AccountState s = budget.state(accountId, interval.multipliedBy(2));
            Map<String, RateBudget.Writing> to = new LinkedHashMap<>();
            s.writing().forEach(w -> to.put(w.migrationId(), w));
            if (s.pausedUntil() != null) {
                toldPaused.computeIfAbsent(accountId, k -> new HashMap<>()).putAll(to);
                scheduleResumeCheck(accountId, s.pausedUntil().toEpochMilli());
            } else {
                Map<String, RateBudget.Writing> paused = toldPaused.remove(accountId);
                if (paused != null) {
                    paused.forEach(to::putIfAbsent);
                }
            }
            boolean known = s.dailyBudget() < RateBudget.UNKNOWN_DAILY_BUDGET;
            BudgetState payload = new BudgetState(s.accountId(), s.burstLimit(), s.burstWindowMillis(),
                    s.requestsInWindow(), known ? s.dailyBudget() : null, s.tokensSpentToday(),
                    known ? s.tokensLeft() : null, s.waitingWriters(),
                    s.pausedUntil(), s.pauseReason(), s.rateLimitedCount());
            for (RateBudget.Writing w : to.values()) {
                publisher.lifecycle(EventEnvelope.of(w.migrationId(), w.runId(), w.phase(), payload));
            }
        } catch (RuntimeException e) {
            // a missed state is repaired by the next one; a failure must not cancel the periodic task
            LOG.warnf("budget.state of account %d not published: %s", accountId, e.toString());
        }
    }

    private void scheduleResumeCheck(long accountId, long pausedUntil) {
        Long scheduled = resumeChecks.get(accountId);
        if (scheduled != null && scheduled >= pausedUntil) {
            return;
        }
        resumeChecks.put(accountId, pausedUntil);
        long delay = Math.max(0, pausedUntil - System.currentTimeMillis()) + RESUME_SLACK_MS;
        executor.schedule(() -> {
            resumeChecks.remove(accountId, pausedUntil);
            announce(accountId);
        }, delay, TimeUnit.MILLISECONDS);
    }
}

package io.atomicmigrate.sandbox.service;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The rolling window itself, with explicit times (checklist 18, 20). */
class BurstWindowTest {
    static final long PENALTY = 10_000;

    BurstWindow.Result hit(BurstWindow w, long now, int limit) {
        return w.tryAcquire(now, limit, PENALTY, true, 0, 0);
    }

    @Test
    void remainingCountsDownAndResetIsSecondsToOldestExpiry() {
        BurstWindow w = new BurstWindow();
        for (int i = 0; i < 5; i++) {
            BurstWindow.Result r = hit(w, 1_000 + i * 100, 5);
            assertThat(r.outcome()).isEqualTo(BurstWindow.Outcome.ADMITTED);
            assertThat(r.remaining()).isEqualTo(4 - i);
            assertThat(r.resetSeconds()).isBetween(1L, 2L);
        }
    }

    @Test
    void windowRollsAfterTwoSeconds() {
        BurstWindow w = new BurstWindow();
        for (int i = 0; i < 3; i++) {
            hit(w, 0, 3);
        }
        // exactly 2 s later the first three have left the window
        assertThat(hit(w, 2_000, 3).outcome()).isEqualTo(BurstWindow.Outcome.ADMITTED);
    }

    @Test
    void overLimitStartsTenSecondPenaltyThatHoldsAndExtends() {
        BurstWindow w = new BurstWindow();
        for (int i = 0; i < 3; i++) {
            hit(w, 0, 3);
        }
        BurstWindow.Result limited = hit(w, 100, 3);
        assertThat(limited.outcome()).isEqualTo(BurstWindow.Outcome.LIMITED);
        assertThat(limited.resetSeconds()).isEqualTo(10);
        // the 2 s window has long rolled, but the penalty holds
        assertThat(hit(w, 5_000, 3).outcome()).isEqualTo(BurstWindow.Outcome.LIMITED);
        // that refusal extended the penalty to 15 s
        assertThat(hit(w, 14_000, 3).outcome()).isEqualTo(BurstWindow.Outcome.LIMITED);
        assertThat(hit(w, 24_000, 3).outcome()).isEqualTo(BurstWindow.Outcome.ADMITTED);
    }

    @Test
    void penaltyWithoutExtensionEndsTenSecondsAfterFirstViolation() {
        BurstWindow w = new BurstWindow();
        w.tryAcquire(0, 1, PENALTY, false, 0, 0);
        assertThat(w.tryAcquire(100, 1, PENALTY, false, 0, 0).outcome()).isEqualTo(BurstWindow.Outcome.LIMITED);
        assertThat(w.tryAcquire(9_000, 1, PENALTY, false, 0, 0).outcome()).isEqualTo(BurstWindow.Outcome.LIMITED);
        assertThat(w.tryAcquire(10_100, 1, PENALTY, false, 0, 0).outcome()).isEqualTo(BurstWindow.Outcome.ADMITTED);
    }

    @Test
    void consecutiveRefusalsEndInBlock() {
        BurstWindow w = new BurstWindow();
        w.tryAcquire(0, 1, PENALTY, true, 3, 60_000);
        w.tryAcquire(1, 1, PENALTY, true, 3, 60_000);
        w.tryAcquire(2, 1, PENALTY, true, 3, 60_000);
        // the third consecutive 429 is still a 429; from then on the token is blocked
        assertThat(w.tryAcquire(3, 1, PENALTY, true, 3, 60_000).outcome()).isEqualTo(BurstWindow.Outcome.LIMITED);
        assertThat(w.tryAcquire(4, 1, PENALTY, true, 3, 60_000).outcome()).isEqualTo(BurstWindow.Outcome.BLOCKED);
        assertThat(w.tryAcquire(59_000, 1, PENALTY, true, 3, 60_000).outcome()).isEqualTo(BurstWindow.Outcome.BLOCKED);
    }

    @Test
    void exactUnderConcurrency() throws Exception {
        BurstWindow w = new BurstWindow();
        AtomicInteger admitted = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        for (int t = 0; t < 8; t++) {
            pool.submit(() -> {
                go.await();
                for (int i = 0; i < 1_000; i++) {
                    if (hit(w, 500, 120).outcome() == BurstWindow.Outcome.ADMITTED) {
                        admitted.incrementAndGet();
                    }
                }
                return null;
            });
        }
        go.countDown();
        pool.shutdown();
        assertThat(pool.awaitTermination(20, TimeUnit.SECONDS)).isTrue();
        assertThat(admitted.get()).isEqualTo(120);
    }
}

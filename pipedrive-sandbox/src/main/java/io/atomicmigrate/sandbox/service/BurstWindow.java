package io.atomicmigrate.sandbox.service;

import java.util.ArrayDeque;

/**
 * The rolling 2-second window of one API token (PIPEDRIVE.md 2.2, 2.5): admitted requests are
 * timestamped; a request over the limit starts a penalty (10 s by default) during which every
 * request is refused, and refusals during the penalty extend it. After many consecutive refusals
 * the token is blocked (the Cloudflare 403). Synchronized: concurrent clients share one window and
 * the count must stay exact.
 */
public final class BurstWindow {
    public static final long WINDOW_MILLIS = 2_000;

    public enum Outcome { ADMITTED, LIMITED, BLOCKED }

    /** What happened and the header values to send. */
    public record Result(Outcome outcome, int limit, int remaining, long resetSeconds) {
    }

    private final ArrayDeque<Long> admitted = new ArrayDeque<>();
    private long penaltyUntil;
    private long blockedUntil;
    private int consecutiveRefusals;

    public synchronized Result tryAcquire(long now, int limit, long penaltyMillis, boolean penaltyExtends,
                                          int blockAfter, long blockMillis) {
        evict(now);
        if (now < blockedUntil) {
            return new Result(Outcome.BLOCKED, limit, 0, ceilSeconds(blockedUntil - now));
        }
        if (now < penaltyUntil || admitted.size() >= limit) {
            if (now >= penaltyUntil || penaltyExtends) {
                penaltyUntil = now + penaltyMillis;
            }
            consecutiveRefusals++;
            if (blockAfter > 0 && consecutiveRefusals >= blockAfter) {
                blockedUntil = now + blockMillis;
                consecutiveRefusals = 0;
            }
            return new Result(Outcome.LIMITED, limit, 0, ceilSeconds(penaltyUntil - now));
        }
        admitted.addLast(now);
        consecutiveRefusals = 0;
        return new Result(Outcome.ADMITTED, limit, limit - admitted.size(), ceilSeconds(admitted.peekFirst() + WINDOW_MILLIS - now));
    }

    /** Header values without consuming a slot (used for responses that bypass the limiter). */
    public synchronized Result peek(long now, int limit) {
        evict(now);
        if (now < penaltyUntil) {
            return new Result(Outcome.LIMITED, limit, 0, ceilSeconds(penaltyUntil - now));
        }
        long reset = admitted.isEmpty() ? 0 : ceilSeconds(admitted.peekFirst() + WINDOW_MILLIS - now);
        return new Result(Outcome.ADMITTED, limit, Math.max(0, limit - admitted.size()), reset);
    }

    public synchronized int inWindow(long now) {
        evict(now);
        return admitted.size();
    }

    public synchronized long penaltyUntil() {
        return penaltyUntil;
    }

    public synchronized long blockedUntil() {
        return blockedUntil;
    }

    private void evict(long now) {
        while (!admitted.isEmpty() && admitted.peekFirst() <= now - WINDOW_MILLIS) {
            admitted.pollFirst();
        }
    }

    private static long ceilSeconds(long millis) {
        return Math.max(0, (millis + 999) / 1000);
    }
}

package io.atomicmigrate.sandbox.service;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The company's daily token budget (PIPEDRIVE.md 2.1): spent by x-token-cost, reset at a
 * configurable "server midnight" (an hour in UTC).
 */
public final class DailyBudget {
    private long spent;
    private long periodStart = Long.MIN_VALUE;

    /** Start of the budget day that contains {@code now}. */
    public static long periodStart(long now, int resetHourUtc) {
        long shifted = now - resetHourUtc * 3_600_000L;
        LocalDate day = Instant.ofEpochMilli(shifted).atZone(ZoneOffset.UTC).toLocalDate();
        return day.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli() + resetHourUtc * 3_600_000L;
    }

    private void roll(long now, int resetHourUtc) {
        long start = periodStart(now, resetHourUtc);
        if (start != periodStart) {
            periodStart = start;
            spent = 0;
        }
    }

    /** True and charged when {@code cost} fits in what is left today. */
    public synchronized boolean tryCharge(long now, int resetHourUtc, long budget, int cost) {
        roll(now, resetHourUtc);
        if (spent + cost > budget) {
            return false;
        }
        spent += cost;
        return true;
    }

    /** Charges even past the budget (refused calls that still cost, when configured). */
    public synchronized void charge(long now, int resetHourUtc, int cost) {
        roll(now, resetHourUtc);
        spent += cost;
    }

    public synchronized long spent(long now, int resetHourUtc) {
        roll(now, resetHourUtc);
        return spent;
    }

    public synchronized long secondsToReset(long now, int resetHourUtc) {
        roll(now, resetHourUtc);
        return Math.max(1, (periodStart + 86_400_000L - now + 999) / 1000);
    }

    public synchronized void reset() {
        spent = 0;
    }
}

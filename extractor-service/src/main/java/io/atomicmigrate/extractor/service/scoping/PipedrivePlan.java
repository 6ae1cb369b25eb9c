package io.atomicmigrate.extractor.service.scoping;

/**
 * Pipedrive's plans and their API limits (PIPEDRIVE.md §2.1–2.2): daily token budget =
 * 30,000 × multiplier × seats; burst = requests per rolling 2 s per API token.
 */
public enum PipedrivePlan {
    LITE(1, 20),
    GROWTH(2, 40),
    PREMIUM(5, 100),
    ULTIMATE(7, 120);

    public static final long BASE_DAILY_TOKENS = 30_000;

    private final int multiplier;
    private final int burstPer2s;

    PipedrivePlan(int multiplier, int burstPer2s) {
        this.multiplier = multiplier;
        this.burstPer2s = burstPer2s;
    }

    public long dailyTokens(int seats) {
        return BASE_DAILY_TOKENS * multiplier * seats;
    }

    public int burstPer2s() {
        return burstPer2s;
    }

    public int multiplier() {
        return multiplier;
    }
}

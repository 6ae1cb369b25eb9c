package io.atomicmigrate.sandbox.config;

import java.util.Locale;

/**
 * Pipedrive plans with their daily-budget multiplier and burst limits (PIPEDRIVE.md 2.1, 2.2).
 * The earlier plan names are kept because customers still quote them.
 */
public enum Plan {
    LITE(1, 20, 80),
    GROWTH(2, 40, 160),
    PREMIUM(5, 100, 400),
    ULTIMATE(7, 120, 480),
    ESSENTIAL(1, 20, 80),
    ADVANCED(2, 40, 160),
    PROFESSIONAL(3, 80, 320),
    POWER(5, 100, 400),
    ENTERPRISE(7, 120, 480);

    /** Base tokens per seat per day before the plan multiplier. */
    public static final long BASE_DAILY_TOKENS = 30_000;

    public final int multiplier;
    public final int apiTokenBurst;
    public final int oauthBurst;

    Plan(int multiplier, int apiTokenBurst, int oauthBurst) {
        this.multiplier = multiplier;
        this.apiTokenBurst = apiTokenBurst;
        this.oauthBurst = oauthBurst;
    }

    public static Plan of(String name) {
        return name == null ? GROWTH : valueOf(name.trim().toUpperCase(Locale.ROOT));
    }
}

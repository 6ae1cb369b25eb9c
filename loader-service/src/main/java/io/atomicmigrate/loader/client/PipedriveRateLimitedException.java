package io.atomicmigrate.loader.client;

import java.time.Duration;

/** A 429: the burst window or the daily token budget. The whole account pauses for {@link #retryAfter()}. */
public class PipedriveRateLimitedException extends PipedriveException {

    private final Duration retryAfter;
    private final boolean daily;

    public PipedriveRateLimitedException(String code, String message, Duration retryAfter, boolean daily) {
        super(429, code, message);
        this.retryAfter = retryAfter;
        this.daily = daily;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    /** True when the daily budget is spent (Pipedrive's body says so, or Retry-After is long). */
    public boolean daily() {
        return daily;
    }
}

package io.atomicmigrate.sandbox.service;

import java.time.Duration;
import java.time.Instant;

/**
 * The one time source of the sandbox. Real time plus an offset, or frozen; tests and the admin API
 * advance it to exercise the burst window, the 10 s penalty, the daily reset and the 30-day purge
 * without sleeping.
 */
public final class SandboxClock {
    private volatile long offsetMillis;
    private volatile Long frozenAtMillis;

    public long millis() {
        Long frozen = frozenAtMillis;
        return frozen != null ? frozen : System.currentTimeMillis() + offsetMillis;
    }

    public Instant now() {
        return Instant.ofEpochMilli(millis());
    }

    /** Pipedrive keeps second precision: every stored timestamp goes through here. */
    public Instant nowSeconds() {
        return Instant.ofEpochSecond(millis() / 1000);
    }

    public synchronized void advance(Duration by) {
        if (frozenAtMillis != null) {
            frozenAtMillis = frozenAtMillis + by.toMillis();
        } else {
            offsetMillis += by.toMillis();
        }
    }

    public synchronized void freeze() {
        frozenAtMillis = millis();
    }

    public synchronized void freezeAt(Instant at) {
        frozenAtMillis = at.toEpochMilli();
    }

    /** Resume real time from the current (possibly advanced) reading. */
    public synchronized void unfreeze() {
        if (frozenAtMillis != null) {
            offsetMillis = frozenAtMillis - System.currentTimeMillis();
            frozenAtMillis = null;
        }
    }

    public boolean isFrozen() {
        return frozenAtMillis != null;
    }
}

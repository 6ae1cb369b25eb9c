package io.atomicmigrate.loader.service;

import io.atomicmigrate.common.events.Phase;
import java.util.function.Supplier;

/**
 * The record a writer thread is writing: which migration (and run, phase) the Pipedrive calls made
 * on this thread are for. The shared budget is keyed by account, not migration, so this is how it
 * learns which migrations are writing to an account and announces its state to each of them.
 * A thread-local, because the calls pass through the Rest Clients and fault-tolerance layers that
 * know nothing of migrations.
 */
public final class CurrentWrite {

    /** One record's write: the migration, its run and phase (either may be null when unknown). */
    public record Write(String migrationId, String runId, Phase phase) {
    }

    private static final ThreadLocal<Write> CURRENT = new ThreadLocal<>();

    private CurrentWrite() {
    }

    /** Runs {@code body} as part of {@code write}; nested calls see the innermost write. */
    public static <T> T during(Write write, Supplier<T> body) {
        Write outer = CURRENT.get();
        CURRENT.set(write);
        try {
            return body.get();
        } finally {
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        }
    }

    /** The write this thread is doing, or null (destination setup, owner checks, tests calling directly). */
    public static Write get() {
        return CURRENT.get();
    }
}

package io.atomicmigrate.reconciler.config;

import io.atomicmigrate.common.events.Phase;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Settings of the reconciler (prefix {@code reconciler}). */
@ConfigMapping(prefix = "reconciler")
public interface ReconcilerConfig {

    Gating gating();

    Run run();

    /**
     * Pipedrive accounts to verify against, by migration id ({@code reconciler.destinations."<id>".base-url}
     * and {@code .api-token}): read-only use of the same account the loader writes to. The token comes
     * from the environment (a Kubernetes Secret), is sent only as a header and never logged.
     */
    Map<String, Destination> destinations();

    /** How long an account the extractor gave (for a migration not configured here) is used before asking again. */
    @WithDefault("10m")
    Duration destinationCacheTtl();

    /**
     * The platform's service-to-service token ({@code PLATFORM_INTERNAL_TOKEN}) for the extractor's
     * internal endpoint; read where the header is built ({@code client/InternalToken}), never logged.
     */
    Optional<String> internalToken();

    /** One Pipedrive company account. */
    interface Destination {
        /** e.g. https://acme.pipedrive.com or the sandbox's base URL. */
        String baseUrl();

        String apiToken();
    }

    /** When phases are counted and judged. */
    interface Gating {
        /** How often open phases are re-counted, reported and checked. */
        @WithDefault("1s")
        Duration interval();

        /** An unbalanced phase that has not moved for this long is STALLED. */
        @WithDefault("2m")
        Duration stallAfter();
    }

    /** What a run the conductor starts looks like. */
    interface Run {
        /** Phases of a run, in dependency order. */
        List<Phase> phases();

        /** Root records of a sample run. */
        @WithDefault("20")
        int sampleSize();

        /** Start the sample run when the destination is ready. */
        @WithDefault("true")
        boolean autoStartSample();
    }
}

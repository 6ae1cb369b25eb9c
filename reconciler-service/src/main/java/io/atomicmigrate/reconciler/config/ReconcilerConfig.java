package io.atomicmigrate.reconciler.config;

import io.atomicmigrate.common.events.Phase;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;

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

        /**
         * Phases in which the mapper may deliberately publish nothing for a row (LEADS: a contact
         * that is a person only). Such rows count as skipped once the mapper's consumer group has
         * read every extracted record and the phase has been quiet for {@link #settle()}.
         */
        @WithDefault("LEADS")
        List<Phase> skipsAllowedIn();

        /** The mapper's consumer group on crm.records.extracted, whose progress tells a skip from a delay. */
        @WithDefault("mapper-service")
        String mapperGroup();

        /** Quiet time before rows without mapper output count as skipped, so in-flight output lands first. */
        @WithDefault("5s")
        Duration settle();
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

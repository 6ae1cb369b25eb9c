package io.atomicmigrate.loader.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Everything the loader is configured with, typed. */
@ConfigMapping(prefix = "loader")
public interface LoaderConfig {

    /**
     * Destinations configured per migration id (tests, demos, a fixed deployment); a migration not
     * listed here is asked of the extractor. Keyed by migration id.
     */
    Map<String, Destination> destinations();

    /**
     * The platform's service-to-service token ({@code PLATFORM_INTERNAL_TOKEN}), sent as a bearer
     * token to the extractor's internal endpoint. Never logged. Unset: only configured destinations work.
     */
    Optional<String> internalToken();

    Budget budget();

    Client client();

    Writes writes();

    interface Destination {
        /** e.g. https://acme.pipedrive.com, or the sandbox's base URL. */
        String baseUrl();

        /** The Pipedrive API token of an admin user. Never logged. */
        String apiToken();
    }

    interface Budget {
        /** Requests per rolling window per API token until x-ratelimit-limit tells the real value. */
        @WithDefault("20")
        int burstLimit();

        @WithDefault("2s")
        Duration burstWindow();

        /**
         * Added to the window after a request's answer-based bound of its arrival (covers Pipedrive's
         * own processing before it counts a request and millisecond rounding); widened after a 429.
         */
        @WithDefault("25ms")
        Duration burstMargin();

        /**
         * The longest a request can be in flight (connect + read or upload timeout): a permit whose
         * request was never answered (its replica died) is free after it.
         */
        @WithDefault("11m")
        Duration inFlightBound();

        /**
         * Daily token budget of every account not listed in {@link #accountDailyTokens()} (30,000 x plan
         * multiplier x seats, PIPEDRIVE.md 2.1). 0, the default, means unknown: the budget is not
         * enforced here, and the account pauses when Pipedrive answers a daily 429 (until the reset
         * its Retry-After names). A made-up default would stop a Growth account with 5 seats
         * (300,000 tokens) at a tenth of its budget for a whole day.
         */
        @WithDefault("0")
        long dailyTokens();

        /** Per-account daily budgets, by Pipedrive company id. */
        Map<String, Long> accountDailyTokens();

        /** Burst slots a replica reserves from Postgres at once (fewer round trips, still exact). */
        @WithDefault("4")
        int reservationBatch();

        /** Daily tokens a replica takes from Postgres at once. */
        @WithDefault("100")
        int tokenChunk();

        /** Pause applied on a 429 that carries no Retry-After. */
        @WithDefault("10s")
        Duration defaultPenalty();

        /**
         * How often the budget.state event is published for every migration writing to an account
         * (pauses and resumes are published at once, whatever this says).
         */
        @WithDefault("5s")
        Duration stateInterval();
    }

    interface Client {
        @WithDefault("5s")
        Duration connectTimeout();

        @WithDefault("30s")
        Duration readTimeout();

        /** How long a file upload may take until Pipedrive answers (a large attachment over a slow link). */
        @WithDefault("10m")
        Duration uploadTimeout();
    }

    interface Writes {
        /** How long a record waits for an unresolved owner before the wait is reported again. */
        @WithDefault("30s")
        Duration ownerRecheckInterval();

        /** Longest pause between attempts when Pipedrive keeps failing; the record is never dropped. */
        @WithDefault("30s")
        Duration maxBackoff();

        /** Look back this far before an open intent when searching for the record it may have created. */
        @WithDefault("10m")
        Duration intentLookback();

        /**
         * How long a create that got no answer (timeout, reset) may still be executing on Pipedrive's
         * side; the open intent is resolved by marker only after it, so a slow create is found, not repeated.
         */
        @WithDefault("10s")
        Duration inFlightGrace();

        /** Name of the hidden marker field (DESIGN §5), created on every entity that has custom fields. */
        @WithDefault("Atomic CRM id")
        String markerFieldName();
    }
}

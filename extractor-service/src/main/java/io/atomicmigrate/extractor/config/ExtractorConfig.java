package io.atomicmigrate.extractor.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Typed configuration of the extractor ({@code extractor.*}). */
@ConfigMapping(prefix = "extractor")
public interface ExtractorConfig {

    Secrets secrets();

    /**
     * The bearer token other services of the platform present on {@code /internal/...}
     * ({@code PLATFORM_INTERNAL_TOKEN}, a Kubernetes Secret in production). Empty: the internal
     * endpoints answer 503 rather than being open.
     */
    Optional<String> internalToken();

    Source source();

    Extraction extraction();

    interface Secrets {
        /**
         * Base64 of a 16, 24 or 32 byte AES key ({@code EXTRACTOR_SECRETS_KEY}, a Kubernetes Secret in
         * production). Optional so the service still starts without it; migrations that carry
         * credentials are then refused with a clear error rather than stored in the clear.
         */
        Optional<String> key();
    }

    interface Source {
        /** How long a connection attempt to a customer database may take before "unreachable". */
        @WithDefault("PT10S")
        Duration connectTimeout();
    }

    interface Extraction {
        /** Rows per keyset page: also the number of records in flight to Kafka at most. */
        @WithDefault("1000")
        int pageSize();

        /**
         * Pages read (and canonicalised) ahead of the page being published.
         */
        @WithDefault("2")
        int pagesAhead();

        /**
         * Pages handed to Kafka whose acks may still be awaited while the next page is published: the
         * broker's round trip then overlaps the next page's work. At most {@code pagesAhead +
         * pagesInFlight} pages of a table are in memory.
         */
        @WithDefault("2")
        int pagesInFlight();

        /** A run's exported snapshot is given up after this long (it pins old row versions on the source). */
        @WithDefault("PT12H")
        Duration snapshotMaxAge();
    }
}

package io.atomicmigrate.common.events.payload;

import io.atomicmigrate.common.events.EventPayload;
import java.util.Map;

/**
 * A migration was registered. Carries where data comes from and goes to, never the
 * credentials themselves (DESIGN §8): those stay encrypted in the extractor's schema.
 *
 * @param name        a person-readable name of the migration
 * @param source      the source database, without any secret
 * @param destination the Pipedrive account, without any secret
 * @param options     free-form options chosen at creation (sample size, dedup policy hint, ...)
 */
public record MigrationCreated(String name, SourceRef source, DestinationRef destination, Map<String, String> options)
        implements EventPayload {

    /** Where the source Postgres lives; {@code user} is a role name, not a secret. */
    public record SourceRef(String host, int port, String database, String user, boolean storageConfigured) {
    }

    /** The Pipedrive company domain, or the sandbox base URL in tests and demos. */
    public record DestinationRef(String companyDomain, String baseUrl) {
    }
}

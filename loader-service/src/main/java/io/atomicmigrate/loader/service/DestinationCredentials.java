package io.atomicmigrate.loader.service;

/**
 * Resolves the Pipedrive account of a migration from its id alone (DESIGN §8: an event never
 * carries credentials, so one customer's records can only reach that customer's account).
 *
 * <p>The extractor holds the encrypted credentials and hands them to services over
 * {@code GET /internal/migrations/{id}/destination} (bearer-authenticated);
 * {@link ConfiguredDestinationCredentials} asks it after run-time registrations and configuration.
 */
public interface DestinationCredentials {

    /** The destination, or an {@link UnknownDestinationException} naming the migration. */
    Destination of(String migrationId);

    /** Base URL and API token; {@link #toString()} never shows the token. */
    record Destination(String baseUrl, String apiToken) {
        @Override
        public String toString() {
            return "Destination[" + baseUrl + ", token ***]";
        }
    }

    /** No destination is known for a migration. */
    final class UnknownDestinationException extends IllegalStateException {
        public UnknownDestinationException(String migrationId) {
            super("no Pipedrive destination is known for migration '" + migrationId
                    + "': the extractor has no such migration (404) and loader.destinations.\"" + migrationId
                    + "\" is not configured");
        }
    }
}

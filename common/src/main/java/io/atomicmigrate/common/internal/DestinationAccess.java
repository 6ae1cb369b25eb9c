package io.atomicmigrate.common.internal;

/**
 * The answer of the extractor's service-to-service endpoint
 * {@code GET /internal/migrations/{migrationId}/destination} (header
 * {@code Authorization: Bearer <PLATFORM_INTERNAL_TOKEN>}): the Pipedrive account of one migration.
 *
 * <p>DESIGN §8: credentials are stored once, encrypted, by the extractor, and never travel on a
 * topic; the loader and the reconciler resolve them from the migration id alone. Answers: 200 with
 * this body, 401 without the right bearer token, 404 for an unknown migration, 503 when the
 * internal token is not configured (the endpoint is then off).
 *
 * @param migrationId the migration
 * @param baseUrl     the API base, e.g. {@code https://acme.pipedrive.com} or a sandbox URL, no trailing slash
 * @param apiToken    the Pipedrive API token; {@link #toString()} never shows it
 */
public record DestinationAccess(String migrationId, String baseUrl, String apiToken) {

    /** The request path for a migration id. */
    public static String path(String migrationId) {
        return "/internal/migrations/" + migrationId + "/destination";
    }

    @Override
    public String toString() {
        return "DestinationAccess[" + migrationId + ", " + baseUrl + ", token ***]";
    }
}

package io.atomicmigrate.loader.service;

import io.atomicmigrate.common.internal.DestinationAccess;
import io.atomicmigrate.loader.client.ExtractorApi;
import io.atomicmigrate.loader.service.DestinationCredentials.Destination;
import io.atomicmigrate.loader.service.DestinationCredentials.UnknownDestinationException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * A migration's Pipedrive account as the extractor knows it ({@code GET /internal/migrations/{id}/destination}),
 * asked once per migration and replica and then kept in memory: every record of a migration needs it,
 * and the extractor is not on the write path. Failures are not cached, so a 503 (internal token not
 * configured, extractor restarting) is asked again on the record's next attempt.
 */
@ApplicationScoped
public class ExtractorDestinations {

    private static final Logger LOG = Logger.getLogger(ExtractorDestinations.class);

    private final ExtractorApi extractor;
    private final Map<String, Destination> cache = new ConcurrentHashMap<>();

    public ExtractorDestinations(@RestClient ExtractorApi extractor) {
        this.extractor = extractor;
    }

    /** The destination, an {@link UnknownDestinationException} on 404, an {@link IllegalStateException} otherwise. */
    public Destination of(String migrationId) {
        Destination cached = cache.get(migrationId);
        if (cached != null) {
            return cached;
        }
        DestinationAccess access;
        try {
            access = extractor.destination(migrationId);
        } catch (WebApplicationException e) {
            int status = e.getResponse() == null ? 0 : e.getResponse().getStatus();
            if (status == 404) {
                throw new UnknownDestinationException(migrationId);
            }
            // the messages are our own: the response body and the request headers stay out of them
            throw new IllegalStateException(switch (status) {
                case 401 -> "the extractor refused the internal token (401) when asked for the destination of migration '"
                        + migrationId + "': loader.internal-token must equal the extractor's PLATFORM_INTERNAL_TOKEN";
                case 503 -> "the extractor's internal endpoint is off or unavailable (503) for migration '" + migrationId
                        + "' (is PLATFORM_INTERNAL_TOKEN set on the extractor?)";
                default -> "the extractor answered " + status + " when asked for the destination of migration '"
                        + migrationId + "'";
            });
        } catch (ProcessingException e) {
            throw new IllegalStateException("the extractor could not be reached for the destination of migration '"
                    + migrationId + "'");
        }
        if (access == null || access.baseUrl() == null || access.apiToken() == null) {
            throw new IllegalStateException("the extractor's destination of migration '" + migrationId + "' is incomplete");
        }
        Destination d = new Destination(access.baseUrl(), access.apiToken());
        cache.put(migrationId, d);
        LOG.infof("destination of migration %s resolved through the extractor: %s", migrationId, d); // token masked
        return d;
    }

    /** Drops a cached destination (its token was rotated: the next call asks again). */
    public void forget(String migrationId) {
        cache.remove(migrationId);
    }
}

package io.atomicmigrate.reconciler.service;

import io.atomicmigrate.common.internal.DestinationAccess;
import io.atomicmigrate.reconciler.client.ExtractorInternalApi;
import io.atomicmigrate.reconciler.client.InternalToken;
import io.atomicmigrate.reconciler.client.PipedriveAccount;
import io.atomicmigrate.reconciler.config.ReconcilerConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * The Pipedrive account of a migration, resolved only from its id (DESIGN §8), in this order:
 * <ol>
 *   <li>registered at runtime (the demo launcher and tests, which start the sandbox on a free port
 *       after this service has started);</li>
 *   <li>configured ({@code reconciler.destinations."<id>".base-url} / {@code .api-token});</li>
 *   <li>asked of the extractor, which holds every migration's credentials encrypted
 *       ({@code GET /internal/migrations/{id}/destination}, bearer {@code PLATFORM_INTERNAL_TOKEN}),
 *       and kept for {@code reconciler.destination-cache-ttl} so that verification does not ask per
 *       call; an unknown migration or an unreachable extractor gives no account (never a guess).</li>
 * </ol>
 * Tokens are never logged: {@link PipedriveAccount} masks its own, and failures are logged by
 * status code only.
 */
@ApplicationScoped
public class DestinationDirectory {

    private static final Logger LOG = Logger.getLogger(DestinationDirectory.class);

    private final ReconcilerConfig config;
    private final ExtractorInternalApi extractor;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, PipedriveAccount> registered = new ConcurrentHashMap<>();
    private final Map<String, Cached> fromExtractor = new ConcurrentHashMap<>();

    private record Cached(PipedriveAccount account, Instant until) {
    }

    /** The extractor answered with no account, or with another migration's: never used. */
    private static final class UnusableAnswer extends RuntimeException {
        UnusableAnswer() {
            super("the extractor answered for another migration or without an account", null, false, false);
        }
    }

    public DestinationDirectory(ReconcilerConfig config, @RestClient ExtractorInternalApi extractor) {
        this.config = config;
        this.extractor = extractor;
    }

    public Uni<Optional<PipedriveAccount>> of(String migrationId) {
        Optional<PipedriveAccount> local = local(migrationId);
        if (local.isPresent()) {
            return Uni.createFrom().item(local);
        }
        Cached cached = fromExtractor.get(migrationId);
        if (cached != null && clock.instant().isBefore(cached.until())) {
            return Uni.createFrom().item(Optional.of(cached.account()));
        }
        if (!InternalToken.configured()) {
            LOG.debugf("migration %s: no Pipedrive account here and no internal token to ask the extractor", migrationId);
            return Uni.createFrom().item(Optional.empty());
        }
        return extractor.destination(migrationId)
                .map(access -> Optional.of(remember(migrationId, access)))
                .onFailure().recoverWithItem(failure -> {
                    forget(migrationId, failure);
                    return Optional.empty();
                });
    }

    /** Registered, else configured: what this service knows without asking anyone. */
    private Optional<PipedriveAccount> local(String migrationId) {
        PipedriveAccount account = registered.get(migrationId);
        if (account != null) {
            return Optional.of(account);
        }
        ReconcilerConfig.Destination d = config.destinations().get(migrationId);
        return d == null ? Optional.empty() : Optional.of(new PipedriveAccount(d.baseUrl(), d.apiToken()));
    }

    private PipedriveAccount remember(String migrationId, DestinationAccess access) {
        if (access == null || access.baseUrl() == null || access.apiToken() == null
                || (access.migrationId() != null && !access.migrationId().equals(migrationId))) {
            // another migration's account must never be used for this one (DESIGN §8)
            throw new UnusableAnswer();
        }
        PipedriveAccount account = new PipedriveAccount(access.baseUrl(), access.apiToken());
        fromExtractor.put(migrationId, new Cached(account, clock.instant().plus(config.destinationCacheTtl())));
        return account;
    }

    private void forget(String migrationId, Throwable failure) {
        fromExtractor.remove(migrationId);
        if (failure instanceof UnusableAnswer) {
            LOG.errorf("migration %s: the extractor's destination endpoint answered for another migration or without"
                    + " an account; not used", migrationId);
        } else if (failure instanceof WebApplicationException web && web.getResponse() != null) {
            int status = web.getResponse().getStatus();
            if (status == 404) {
                LOG.debugf("migration %s: the extractor knows no Pipedrive account for it", migrationId);
            } else {
                LOG.warnf("migration %s: the extractor's destination endpoint answered %d%s", migrationId, status,
                        status == 401 ? " (the internal token is not the extractor's)"
                                : status == 503 ? " (its internal token is not configured)" : "");
            }
        } else {
            // the class only: a message could quote a response, and a response could carry a token
            LOG.warnf("migration %s: the extractor's destination endpoint could not be asked (%s)", migrationId,
                    failure.getClass().getSimpleName());
        }
    }

    public void register(String migrationId, PipedriveAccount account) {
        registered.put(migrationId, account);
    }
}

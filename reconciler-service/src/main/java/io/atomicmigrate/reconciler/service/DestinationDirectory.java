package io.atomicmigrate.reconciler.service;

import io.atomicmigrate.reconciler.client.PipedriveAccount;
import io.atomicmigrate.reconciler.config.ReconcilerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Pipedrive account of a migration, resolved only from its id (DESIGN §8): configured
 * accounts, plus accounts registered at runtime (the demo launcher and tests, which start the
 * sandbox on a free port after this service has started).
 */
@ApplicationScoped
public class DestinationDirectory {

    private final ReconcilerConfig config;
    private final Map<String, PipedriveAccount> registered = new ConcurrentHashMap<>();

    public DestinationDirectory(ReconcilerConfig config) {
        this.config = config;
    }

    public Optional<PipedriveAccount> of(String migrationId) {
        PipedriveAccount account = registered.get(migrationId);
        if (account != null) {
            return Optional.of(account);
        }
        ReconcilerConfig.Destination d = config.destinations().get(migrationId);
        return d == null ? Optional.empty() : Optional.of(new PipedriveAccount(d.baseUrl(), d.apiToken()));
    }

    public void register(String migrationId, PipedriveAccount account) {
        registered.put(migrationId, account);
    }
}

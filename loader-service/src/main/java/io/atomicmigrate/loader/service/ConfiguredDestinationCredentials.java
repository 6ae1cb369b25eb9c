package io.atomicmigrate.loader.service;

import io.atomicmigrate.loader.config.LoaderConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Destinations from {@code loader.destinations."<migrationId>".*}, plus ones registered at run
 * time (tests, the demo launcher), kept in memory only.
 */
@ApplicationScoped
public class ConfiguredDestinationCredentials implements DestinationCredentials {

    private final LoaderConfig config;
    private final Map<String, Destination> registered = new ConcurrentHashMap<>();

    public ConfiguredDestinationCredentials(LoaderConfig config) {
        this.config = config;
    }

    @Override
    public Destination of(String migrationId) {
        Destination d = registered.get(migrationId);
        if (d != null) {
            return d;
        }
        LoaderConfig.Destination c = config.destinations().get(migrationId);
        if (c == null) {
            throw new UnknownDestinationException(migrationId);
        }
        return new Destination(c.baseUrl(), c.apiToken());
    }

    public void register(String migrationId, Destination destination) {
        registered.put(migrationId, destination);
    }
}

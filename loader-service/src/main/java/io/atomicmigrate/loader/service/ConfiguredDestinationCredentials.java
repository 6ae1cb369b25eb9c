package io.atomicmigrate.loader.service;

import io.atomicmigrate.loader.config.LoaderConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The loader's {@link DestinationCredentials}, resolved in this order: destinations registered at run
 * time (tests, the demo launcher; memory only) → {@code loader.destinations."<migrationId>".*} (a fixed
 * deployment, a demo) → the extractor's internal endpoint ({@link ExtractorDestinations}, cached per
 * migration). The first two let the loader run without an extractor; the third is the normal case.
 */
@ApplicationScoped
public class ConfiguredDestinationCredentials implements DestinationCredentials {

    private final LoaderConfig config;
    private final ExtractorDestinations extractor;
    private final Map<String, Destination> registered = new ConcurrentHashMap<>();

    public ConfiguredDestinationCredentials(LoaderConfig config, ExtractorDestinations extractor) {
        this.config = config;
        this.extractor = extractor;
    }

    @Override
    public Destination of(String migrationId) {
        Destination d = registered.get(migrationId);
        if (d != null) {
            return d;
        }
        LoaderConfig.Destination c = config.destinations().get(migrationId);
        if (c != null) {
            return new Destination(c.baseUrl(), c.apiToken());
        }
        return extractor.of(migrationId);
    }

    public void register(String migrationId, Destination destination) {
        registered.put(migrationId, destination);
    }
}

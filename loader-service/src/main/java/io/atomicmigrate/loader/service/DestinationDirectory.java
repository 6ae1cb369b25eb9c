package io.atomicmigrate.loader.service;

import io.atomicmigrate.common.json.Json;
import io.atomicmigrate.common.map.MigrationMap;
import io.atomicmigrate.loader.repository.DestinationLedger;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Caches each migration's {@link DestinationConfig}; a miss reads the destination ledger (another replica may have set it up). */
@ApplicationScoped
public class DestinationDirectory {

    private final DestinationLedger ledger;
    private final Map<String, DestinationConfig> cache = new ConcurrentHashMap<>();

    public DestinationDirectory(DestinationLedger ledger) {
        this.ledger = ledger;
    }

    /** The destination once its setup finished, else empty. */
    public Optional<DestinationConfig> of(String migrationId) {
        DestinationConfig c = cache.get(migrationId);
        if (c != null) {
            return Optional.of(c);
        }
        Optional<DestinationLedger.Destination> d = ledger.destination(migrationId);
        if (d.isEmpty()) {
            return Optional.empty();
        }
        MigrationMap map = Json.mapper().convertValue(d.get().mapDocument(), MigrationMap.class);
        DestinationConfig loaded = new DestinationConfig(migrationId, d.get().accountId(), ledger.objects(migrationId), map);
        // writers miss the cache together (tags of one migration arrive at once): all must share one
        // instance, or an object one of them records (a label) is missing from the instance kept
        DestinationConfig shared = cache.putIfAbsent(migrationId, loaded);
        return Optional.of(shared == null ? loaded : shared);
    }

    /** Records a destination object and makes it visible to this replica's writers at once. */
    public void record(DestinationConfig config, DestinationLedger.DestinationObject o) {
        ledger.record(config.migrationId(), config.accountId(), o);
        config.add(o);
    }

    public void forget(String migrationId) {
        cache.remove(migrationId);
    }
}

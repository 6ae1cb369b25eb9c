package io.atomicmigrate.mapper.messaging;

import io.atomicmigrate.mapper.repository.SourceIdRepository;
import io.atomicmigrate.mapper.service.transform.KnownSourceIds;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which source ids exist, per migration and table, for the dangling-id checks. Every replica
 * writes the ids it sees to Postgres and reads them back from there, refreshed every few
 * seconds; phases run in dependency order, so a referenced table is complete long before the
 * rows that point at it are transformed. A table with no ids recorded is "unknown": nothing in
 * it is judged dangling.
 */
@ApplicationScoped
public class KnownIdsCache {

    /** Tables whose ids are remembered because other rows point at them without a foreign key. */
    static final Set<String> REMEMBERED = Set.of("sales", "tags", "companies", "contacts", "deals");
    /** Which tables a row of a table points at. */
    static final Map<String, List<String>> REFERENCED = Map.of("contacts", List.of("tags", "sales", "companies"),
            "deals", List.of("contacts", "sales", "companies"), "tasks", List.of("contacts", "sales"),
            "contact_notes", List.of("contacts", "sales"), "deal_notes", List.of("deals", "sales"),
            "companies", List.of("sales"));
    private static final long REFRESH_NANOS = 5_000_000_000L;

    private record Snapshot(Set<String> ids, long loadedAt) {
    }

    private final SourceIdRepository repository;
    private final Map<String, Snapshot> snapshots = new ConcurrentHashMap<>();

    public KnownIdsCache(SourceIdRepository repository) {
        this.repository = repository;
    }

    public Uni<Void> remember(String migrationId, String table, String sourceId) {
        return REMEMBERED.contains(table) ? repository.remember(migrationId, table, sourceId) : Uni.createFrom().voidItem();
    }

    /** Remembers the ids of a batch of rows, one statement per migration and table. */
    public Uni<Void> rememberAll(Map<String, Map<String, List<String>>> idsByMigrationAndTable) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (var byMigration : idsByMigrationAndTable.entrySet()) {
            for (var byTable : byMigration.getValue().entrySet()) {
                if (REMEMBERED.contains(byTable.getKey())) {
                    chain = chain.chain(() -> repository.rememberAll(byMigration.getKey(), byTable.getKey(), byTable.getValue()));
                }
            }
        }
        return chain;
    }

    /** The id knowledge a row of {@code table} needs, fresh enough. */
    public Uni<KnownSourceIds> forTable(String migrationId, String table) {
        List<String> tables = REFERENCED.getOrDefault(table, List.of());
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (String t : tables) {
            String key = migrationId + "/" + t;
            Snapshot s = snapshots.get(key);
            if (s == null || System.nanoTime() - s.loadedAt() > REFRESH_NANOS) {
                chain = chain.chain(() -> repository.ids(migrationId, t)
                        .invoke(ids -> snapshots.put(key, new Snapshot(ids, System.nanoTime()))).replaceWithVoid());
            }
        }
        return chain.map(v -> (t, id) -> {
            Snapshot s = snapshots.get(migrationId + "/" + t);
            return s == null || s.ids().isEmpty() ? null : s.ids().contains(id);
        });
    }
}

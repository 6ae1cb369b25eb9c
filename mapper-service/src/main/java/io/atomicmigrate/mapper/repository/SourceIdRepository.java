package io.atomicmigrate.mapper.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashSet;
import java.util.Set;

/** {@code mapper.source_ids}: which source rows exist, shared by every replica. */
@ApplicationScoped
public class SourceIdRepository {

    private final Pool client;

    public SourceIdRepository(Pool client) {
        this.client = client;
    }

    public Uni<Void> remember(String migrationId, String table, String sourceId) {
        return client.preparedQuery("INSERT INTO mapper.source_ids (migration_id, source_table, source_id)"
                        + " VALUES ($1, $2, $3) ON CONFLICT DO NOTHING")
                .execute(Tuple.of(migrationId, table, sourceId)).replaceWithVoid();
    }

    /** One statement for a whole batch of ids of one table. */
    public Uni<Void> rememberAll(String migrationId, String table, java.util.List<String> sourceIds) {
        if (sourceIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return client.preparedQuery("INSERT INTO mapper.source_ids (migration_id, source_table, source_id)"
                        + " SELECT $1, $2, unnest($3::text[]) ON CONFLICT DO NOTHING")
                .execute(Tuple.of(migrationId, table, sourceIds.toArray(new String[0]))).replaceWithVoid();
    }

    public Uni<Set<String>> ids(String migrationId, String table) {
        return client.preparedQuery("SELECT source_id FROM mapper.source_ids WHERE migration_id = $1 AND source_table = $2")
                .execute(Tuple.of(migrationId, table)).map(rows -> {
                    Set<String> ids = new HashSet<>();
                    rows.forEach(r -> ids.add(r.getString(0)));
                    return ids;
                });
    }
}

package io.atomicmigrate.extractor.repository;

import io.atomicmigrate.extractor.service.Migration;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZoneOffset;

/** Migrations in {@code extractor.migrations}, through the Vert.x reactive Postgres client. */
@ApplicationScoped
public class MigrationRepository {

    private final Pool client;

    public MigrationRepository(Pool client) {
        this.client = client;
    }

    public Uni<Migration> insert(Migration m) {
        return client.preparedQuery("""
                        INSERT INTO extractor.migrations (id, name, source_host, source_port, source_database,
                            source_user, destination_domain, destination_base_url)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
                        RETURNING id, name, source_host, source_port, source_database, source_user,
                            destination_domain, destination_base_url, created_at""")
                .execute(Tuple.from(new Object[] {m.id(), m.name(), m.sourceHost(), m.sourcePort(), m.sourceDatabase(),
                        m.sourceUser(), m.destinationDomain(), m.destinationBaseUrl()}))
                .map(rows -> toMigration(rows.iterator().next()));
    }

    /** The migration, or null when there is none with that id. */
    public Uni<Migration> find(String id) {
        return client.preparedQuery("""
                        SELECT id, name, source_host, source_port, source_database, source_user,
                            destination_domain, destination_base_url, created_at
                        FROM extractor.migrations WHERE id = $1""")
                .execute(Tuple.of(id))
                .map(rows -> rows.iterator().hasNext() ? toMigration(rows.iterator().next()) : null);
    }

    private static Migration toMigration(Row r) {
        return new Migration(r.getString("id"), r.getString("name"), r.getString("source_host"),
                r.getInteger("source_port"), r.getString("source_database"), r.getString("source_user"),
                r.getString("destination_domain"), r.getString("destination_base_url"),
                r.getOffsetDateTime("created_at").withOffsetSameInstant(ZoneOffset.UTC).toInstant());
    }
}

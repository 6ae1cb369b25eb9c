package io.atomicmigrate.extractor.repository;

import io.atomicmigrate.extractor.service.Migration;
import io.atomicmigrate.extractor.service.MigrationSecrets;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

/** Migrations in {@code extractor.migrations}, through the Vert.x reactive Postgres client. */
@ApplicationScoped
public class MigrationRepository {

    private static final String VIEW_COLUMNS = """
            id, name, source_host, source_port, source_database, source_user, source_ssl_mode,
            source_password IS NOT NULL AS source_password_set,
            source_service_role_key IS NOT NULL AS service_role_key_set,
            destination_domain, destination_base_url, destination_api_token IS NOT NULL AS destination_token_set,
            storage_url, storage_key IS NOT NULL AS storage_key_set, app_tsx IS NOT NULL AS app_tsx_uploaded,
            options, created_at""";

    private final Pool client;

    public MigrationRepository(Pool client) {
        this.client = client;
    }

    /** A new migration with its already encrypted credentials. */
    public Uni<Migration> insert(Migration m, MigrationSecrets secrets, String appTsx) {
        return client.preparedQuery("""
                        INSERT INTO extractor.migrations (id, name, source_host, source_port, source_database,
                            source_user, source_ssl_mode, source_password, source_service_role_key,
                            destination_domain, destination_base_url, destination_api_token,
                            storage_url, storage_key, app_tsx, options)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
                        RETURNING\s""" + VIEW_COLUMNS)
                .execute(Tuple.from(new Object[] {m.id(), m.name(), m.sourceHost(), m.sourcePort(),
                        m.sourceDatabase(), m.sourceUser(), m.sourceSslMode(), buffer(secrets.sourcePassword()),
                        buffer(secrets.serviceRoleKey()), m.destinationDomain(), m.destinationBaseUrl(),
                        buffer(secrets.destinationToken()), m.storageUrl(), buffer(secrets.storageKey()), appTsx,
                        new JsonObject(new LinkedHashMap<>(m.options()))}))
                .map(rows -> toMigration(rows.iterator().next()));
    }

    /** The migration, or null when there is none with that id. */
    public Uni<Migration> find(String id) {
        return client.preparedQuery("SELECT " + VIEW_COLUMNS + " FROM extractor.migrations WHERE id = $1")
                .execute(Tuple.of(id))
                .map(rows -> rows.iterator().hasNext() ? toMigration(rows.iterator().next()) : null);
    }

    /** The encrypted credential columns, or null when there is no such migration. */
    public Uni<MigrationSecrets> findSecrets(String id) {
        return client.preparedQuery("""
                        SELECT source_password, source_service_role_key, destination_api_token, storage_key
                        FROM extractor.migrations WHERE id = $1""")
                .execute(Tuple.of(id))
                .map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return null;
                    }
                    Row r = rows.iterator().next();
                    return new MigrationSecrets(bytes(r, "source_password"), bytes(r, "source_service_role_key"),
                            bytes(r, "destination_api_token"), bytes(r, "storage_key"));
                });
    }

    public Uni<String> findAppTsx(String id) {
        return client.preparedQuery("SELECT app_tsx FROM extractor.migrations WHERE id = $1").execute(Tuple.of(id))
                .map(rows -> rows.iterator().hasNext() ? rows.iterator().next().getString("app_tsx") : null);
    }

    /** Stores (or replaces) the uploaded App.tsx; false when there is no such migration. */
    public Uni<Boolean> updateAppTsx(String id, String appTsx) {
        return client.preparedQuery("UPDATE extractor.migrations SET app_tsx = $2 WHERE id = $1")
                .execute(Tuple.of(id, appTsx)).map(rows -> rows.rowCount() == 1);
    }

    private static Buffer buffer(byte[] bytes) {
        return bytes == null ? null : Buffer.buffer(bytes);
    }

    private static byte[] bytes(Row r, String column) {
        io.vertx.mutiny.core.buffer.Buffer b = r.getBuffer(column);
        return b == null ? null : b.getBytes();
    }

    private static Migration toMigration(Row r) {
        JsonObject options = r.getJsonObject("options");
        Map<String, String> opts = new LinkedHashMap<>();
        if (options != null) {
            options.getMap().forEach((k, v) -> {
                if (v != null) {
                    opts.put(k, v.toString());
                }
            });
        }
        return new Migration(r.getString("id"), r.getString("name"), r.getString("source_host"),
                r.getInteger("source_port"), r.getString("source_database"), r.getString("source_user"),
                r.getString("source_ssl_mode"), r.getBoolean("source_password_set"),
                r.getBoolean("service_role_key_set"), r.getString("destination_domain"),
                r.getString("destination_base_url"), r.getBoolean("destination_token_set"),
                r.getString("storage_url"), r.getBoolean("storage_key_set"), r.getBoolean("app_tsx_uploaded"),
                Map.copyOf(opts), r.getOffsetDateTime("created_at").withOffsetSameInstant(ZoneOffset.UTC).toInstant());
    }
}

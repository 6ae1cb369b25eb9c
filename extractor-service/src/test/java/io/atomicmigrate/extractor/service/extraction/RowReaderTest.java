package io.atomicmigrate.extractor.service.extraction;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.atomicmigrate.common.events.EventEnvelope;
import io.atomicmigrate.common.events.Phase;
import io.atomicmigrate.common.events.payload.RecordExtracted;
import io.atomicmigrate.common.json.EventCodec;
import io.atomicmigrate.localstack.LocalPostgres;
import io.atomicmigrate.localstack.LocalStack;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgConnection;
import io.vertx.pgclient.PgConnectOptions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The typed-column read ({@link RowReader}) must give exactly the canonical rows and hashes that
 * parsing Postgres' own {@code row_to_json} / {@code to_jsonb} gives, for every kind of column a
 * customer schema may hold, including the values the JVM does not format itself.
 */
class RowReaderTest {

    private static final String DB = "ext_row_reader";
    private static Vertx vertx;

    @BeforeAll
    static void createTable() throws Exception {
        LocalPostgres pg = LocalStack.shared().postgres();
        pg.createDatabase(DB);
        try (Connection c = pg.connect(DB); Statement s = c.createStatement()) {
            s.execute("CREATE EXTENSION IF NOT EXISTS citext");
            s.execute("CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy')");
            s.execute("CREATE TYPE money_pair AS (amount numeric(12,2), currency text)");
            s.execute("CREATE DOMAIN short_text AS text CHECK (length(VALUE) < 100)");
            s.execute("CREATE DOMAIN positive_int AS int4 CHECK (VALUE > 0)");
            s.execute("""
                    CREATE TABLE "Odd Table" (
                      id bigint PRIMARY KEY, small int2, medium int4, flag boolean, name text, code varchar(20),
                      padded char(6), sys name, uid uuid, email citext, mood mood, amount numeric(14,2),
                      plain_numeric numeric, ratio float8, ratio4 float4, doc jsonb, raw_doc json,
                      seen timestamptz, local_seen timestamp, born date, during interval, clock time,
                      tags bigint[], words text[], grid int4[][], docs jsonb[], pair money_pair,
                      label short_text, qty positive_int, blob bytea, "we""ird Name" text, "Zeta" int8)""");
            s.execute("""
                    INSERT INTO "Odd Table" VALUES
                    (1, -32768, 2147483647, true, 'Ann', 'A-1', 'ab', 'sysname', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',
                     'Ann@Example.COM', 'happy', 12.50, 0.00000001, 1e30, 1.5, '{"b": 12.50, "a": [3, {"z": 1, "y": 2.0}],
                     "big": 9007199254740993}', '{"b": 1, "a": 2.50, "b": 3}', '2024-01-01 09:00:37.5+00',
                     '2024-02-29 23:59:59.123456', '2024-03-01', '1 day 02:03:04', '12:34:56.789', '{1,2,NULL}',
                     '{"a","b c",NULL,"q\\"uote"}', '{{1,2},{3,4}}', ARRAY['{"k": 1.0}'::jsonb, NULL], ROW(10.10, 'EUR'),
                     'dom', 7, '\\xdeadbeef', 'quoted', 9223372036854775807),
                    (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
                     NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
                    (3, 0, 0, false, E'line\\nbreak \\t tab \\u0001 ctrl "quote" back\\\\slash é ü 日本 😀', '', 'x',
                     '', '00000000-0000-0000-0000-000000000000', '', 'sad', 'NaN', '-0.0001230', 'NaN', '-Infinity',
                     '[]', '"just a string"', 'infinity', '-infinity', 'infinity', '-1 year', '00:00', '{}', '{}', '{}',
                     '{}', ROW(NULL, NULL), '', 1, '', '', -1),
                    (4, 1, 1, true, 'x', 'x', 'x', 'x', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a12', 'x', 'ok', 0, 'Infinity',
                     '-0', 1e-7, '{"nested": {"deep": [1.10, 2e3, -0.0, 1E+2]}}', '{"z":1,  "a" : [ ] }',
                     '0044-03-15 12:00:00+00 BC', '12000-01-01 00:00:00', '0001-01-01', '0', '23:59:59.999999',
                     '{-9223372036854775808}', '{""}', '{{NULL}}', '{}', NULL, NULL, NULL, NULL, NULL, 0),
                    (5, 2, 2, false, 'y', 'y', 'y', 'y', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a13', 'y', 'ok', 123456789012.99,
                     '123456789012345678901234567890.000000000000000000001', 0.1, 3.4028235e38, '{"emoji": "🎉"}', 'null',
                     '1999-12-31 23:59:59.000001+00', '9999-12-31 23:59:59.999999', '9999-12-31', NULL, NULL, NULL, NULL,
                     NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)""");
        }
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void closeVertx() {
        if (vertx != null) {
            vertx.closeAndAwait();
        }
    }

    @Test
    void typedColumnsGiveTheCanonicalRowsAndHashesOfRowToJson() throws Exception {
        RowCanonicalizer canonicalizer = new RowCanonicalizer();
        Map<Long, CanonicalRow> expected = new LinkedHashMap<>();
        try (Connection c = LocalStack.shared().postgres().connect(DB); Statement s = c.createStatement()) {
            s.execute("SET TIME ZONE 'UTC'");
            // what the extractor read until now (to_jsonb differs: it turns floats into numerics)
            try (ResultSet rs = s.executeQuery("SELECT id, row_to_json(t)::text FROM \"Odd Table\" t ORDER BY id")) {
                while (rs.next()) {
                    expected.put(rs.getLong(1), canonicalizer.canonical("odd", rs.getLong(1), rs.getString(2)));
                }
            }
        }
        List<CanonicalRow> read = stream(2); // pages of 2: several pages and a short last one

        assertThat(read).extracting(CanonicalRow::id).containsExactlyElementsOf(expected.keySet());
        EventCodec codec = new EventCodec();
        for (CanonicalRow row : read) {
            CanonicalRow want = expected.get(row.id());
            assertThat(RowCanonicalizer.text(row.row())).as("row %d", row.id())
                    .isEqualTo(RowCanonicalizer.text(want.row()));
            assertThat(row.hash()).as("hash of row %d", row.id()).isEqualTo(want.hash());

            // the event carries the same row as when it was a tree: byte for byte (4-byte emoji aside), and
            // equal once decoded
            JsonNode tree = RowCanonicalizer.parse(RowCanonicalizer.text(want.row()));
            assertThat(tree.isObject()).isTrue();
            byte[] now = codec.encode(event(row.row(), row.hash()));
            byte[] before = codec.encode(event(tree, want.hash()));
            JsonNode decodedNow = codec.decode(now, RecordExtracted.class).payload().row();
            JsonNode decodedBefore = codec.decode(before, RecordExtracted.class).payload().row();
            assertThat(decodedNow).isEqualTo(decodedBefore);
            if (row.id() != 3 && row.id() != 5) {
                assertThat(new String(now, "UTF-8")).isEqualTo(new String(before, "UTF-8"));
            }
        }
        // spot checks that the JVM's own formatting was exercised, not only the fallbacks
        String first = RowCanonicalizer.text(read.get(0).row());
        assertThat(first).contains("\"seen\":\"2024-01-01T09:00:37.5+00:00\"",
                "\"local_seen\":\"2024-02-29T23:59:59.123456\"", "\"born\":\"2024-03-01\"", "\"amount\":12.50",
                "\"plain_numeric\":1E-8", "\"padded\":\"ab    \"", "\"we\\\"ird Name\":\"quoted\"");
        assertThat(RowCanonicalizer.text(read.get(2).row())).contains("\"seen\":\"infinity\"",
                "\"amount\":\"NaN\"");
    }

    @Test
    void timestampsAreFormattedAsPostgresDoes() {
        assertThat(RowReader.timestamp(java.time.LocalDateTime.of(7, 1, 2, 3, 4, 5, 120_000_000), "+00:00"))
                .isEqualTo("0007-01-02T03:04:05.12+00:00");
        assertThat(RowReader.timestamp(java.time.LocalDateTime.of(2024, 12, 31, 23, 59, 59), ""))
                .isEqualTo("2024-12-31T23:59:59");
        assertThat(RowReader.numeric("-Infinity").isTextual()).isTrue();
        assertThat(RowReader.numeric("-1.50").decimalValue()).isEqualByComparingTo("-1.5");
    }

    private static EventEnvelope<RecordExtracted> event(JsonNode row, String hash) {
        return new EventEnvelope<>(java.util.UUID.fromString("00000000-0000-0000-0000-000000000001"),
                "record.extracted", "mig-1", "run-1", Phase.PERSONS, java.time.Instant.parse("2026-01-01T00:00:00Z"), 1,
                new RecordExtracted("odd", "1", row, hash));
    }

    private static List<CanonicalRow> stream(int pageSize) {
        LocalPostgres pg = LocalStack.shared().postgres();
        PgConnectOptions options = new PgConnectOptions().setHost(pg.host()).setPort(pg.port()).setDatabase(DB)
                .setUser(pg.user()).setPassword(pg.password()).addProperty("TimeZone", "UTC");
        List<CanonicalRow> rows = new ArrayList<>();
        TableStreamer streamer = new TableStreamer(new RowCanonicalizer(), pageSize);
        PgConnection.connect(vertx, options)
                .chain(conn -> conn.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY").execute()
                        .chain(() -> streamer.stream(conn, new TableRead("odd", "public.\"Odd Table\"", "", ""), page -> {
                            synchronized (rows) {
                                rows.addAll(page);
                            }
                            return io.smallrye.mutiny.Uni.createFrom().voidItem();
                        }))
                        .call(() -> conn.query("COMMIT").execute())
                        .eventually(conn::close))
                .await().indefinitely();
        rows.sort(java.util.Comparator.comparingLong(CanonicalRow::id));
        return rows;
    }
}

package io.atomicmigrate.mapper;

import com.fasterxml.jackson.databind.JsonNode;
import io.atomicmigrate.common.events.payload.MigrationDiscovered;
import io.atomicmigrate.common.events.payload.RecordExtracted;
import io.atomicmigrate.common.json.Json;
import io.atomicmigrate.fixture.AtomicCrmFixture;
import io.atomicmigrate.fixture.DirtyQuirk;
import io.atomicmigrate.fixture.FixtureOptions;
import io.atomicmigrate.fixture.FixtureReport;
import io.atomicmigrate.localstack.LocalPostgres;
import io.atomicmigrate.mapper.service.proposal.ColumnProfile;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A real Atomic CRM database from the fixture generator (every dirty-data quirk, every kind of
 * custom column), loaded once per test JVM, and its rows as the extractor publishes them:
 * {@code to_jsonb(row)}, read in a session whose time zone is Europe/Paris so that timestamps
 * arrive with a non-UTC offset and the mapper's conversion to UTC is really exercised.
 */
public final class FixtureDatabase {

    public static final String NAME = "mapper_fixture_dirty";
    private static FixtureDatabase shared;

    private final FixtureReport report;
    private final Map<String, List<JsonNode>> rows = new LinkedHashMap<>();
    private final List<MigrationDiscovered.CustomColumn> customColumns = new ArrayList<>();
    private final Map<String, ColumnProfile> profiles = new LinkedHashMap<>();

    private FixtureDatabase() throws SQLException {
        LocalPostgres postgres = LocalPostgres.shared();
        report = AtomicCrmFixture.createAndLoad(postgres, NAME,
                FixtureOptions.builder().dirty(true).customColumns(true).build());
        try (Connection c = postgres.connect(NAME); Statement s = c.createStatement()) {
            s.execute("SET TIME ZONE 'Europe/Paris'");
            for (String table : List.of("sales", "tags", "companies", "contacts", "contact_notes", "deals",
                    "deal_notes", "tasks")) {
                List<JsonNode> list = new ArrayList<>();
                try (ResultSet rs = s.executeQuery("SELECT to_jsonb(t)::text FROM public.\"" + table + "\" t ORDER BY id")) {
                    while (rs.next()) {
                        list.add(Json.mapper().readTree(rs.getString(1)));
                    }
                }
                rows.put(table, list);
            }
            try (ResultSet rs = s.executeQuery("""
                    SELECT c.table_name, c.column_name, c.data_type, c.udt_name, c.is_nullable = 'YES',
                           (SELECT array_agg(e.enumlabel ORDER BY e.enumsortorder) FROM pg_type ty
                              JOIN pg_enum e ON e.enumtypid = ty.oid WHERE ty.typname = c.udt_name)
                    FROM information_schema.columns c
                    WHERE c.table_schema = 'public' AND c.table_name IN ('contacts','companies','deals')
                    ORDER BY c.table_name, c.ordinal_position""")) {
                while (rs.next()) {
                    String table = rs.getString(1);
                    String column = rs.getString(2);
                    if (io.atomicmigrate.mapper.service.review.SourceSchema.STANDARD_COLUMNS.get(table).contains(column)) {
                        continue;
                    }
                    java.sql.Array labels = rs.getArray(6);
                    customColumns.add(new MigrationDiscovered.CustomColumn(table, column, rs.getString(3),
                            rs.getString(4), rs.getBoolean(5), labels == null ? null : List.of((String[]) labels.getArray())));
                }
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        for (MigrationDiscovered.CustomColumn column : customColumns) {
            profiles.put(column.table() + "." + column.column(), profile(column));
        }
    }

    public static synchronized FixtureDatabase get() {
        if (shared == null) {
            try {
                shared = new FixtureDatabase();
            } catch (SQLException e) {
                throw new IllegalStateException("could not load the fixture database", e);
            }
        }
        return shared;
    }

    public FixtureReport report() {
        return report;
    }

    public List<JsonNode> rows(String table) {
        return rows.get(table);
    }

    public JsonNode row(String table, long id) {
        return rows.get(table).stream().filter(r -> r.get("id").asLong() == id).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no " + table + " row " + id));
    }

    /** Ids the generator hit with a quirk, e.g. the contacts with invalid e-mails. */
    public List<Long> idsWith(DirtyQuirk quirk, String table) {
        FixtureReport.QuirkHits hits = report.dirty().get(quirk);
        List<Long> ids = new ArrayList<>();
        for (String example : hits.examples()) {
            if (example.startsWith(table + ".id=")) {
                ids.add(Long.parseLong(example.substring(example.indexOf('=') + 1)));
            }
        }
        if (ids.isEmpty()) {
            throw new IllegalStateException("quirk " + quirk + " has no example in " + table + ": " + hits.examples());
        }
        return ids;
    }

    public static RecordExtracted extracted(String table, JsonNode row) {
        return new RecordExtracted(table, row.get("id").asText(), row, "0".repeat(64));
    }

    public List<MigrationDiscovered.CustomColumn> customColumns() {
        return customColumns;
    }

    public Map<String, ColumnProfile> profiles() {
        return profiles;
    }

    /** What discovery would publish for this database (the extractor's shape, with its distinct values). */
    public MigrationDiscovered discovered() {
        Map<String, Map<String, Long>> distinct = new LinkedHashMap<>();
        for (String key : List.of("deals.stage", "deals.category", "companies.sector", "contacts.status",
                "contacts.gender", "tasks.type")) {
            String table = key.substring(0, key.indexOf('.'));
            String column = key.substring(key.indexOf('.') + 1);
            Map<String, Long> counts = new LinkedHashMap<>();
            for (JsonNode r : rows(table)) {
                JsonNode v = r.get(column);
                if (v != null && !v.isNull()) {
                    counts.merge(v.asText(), 1L, Long::sum);
                }
            }
            distinct.put(key, counts);
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        rows.forEach((t, list) -> counts.put(t, (long) list.size()));
        return new MigrationDiscovered("CURRENT", counts, customColumns, List.of(), Map.of(), List.of(), List.of(),
                distinct, Map.of(), null);
    }

    /** The profile the mapper wants per custom column, computed from the rows (what discovery could publish). */
    private ColumnProfile profile(MigrationDiscovered.CustomColumn column) {
        List<JsonNode> list = rows(column.table());
        long nonNull = 0;
        int maxLength = 0;
        Map<String, Long> counts = new LinkedHashMap<>();
        List<String> samples = new ArrayList<>();
        for (JsonNode r : list) {
            JsonNode v = r.get(column.column());
            if (v == null || v.isNull()) {
                continue;
            }
            nonNull++;
            List<String> values = new ArrayList<>();
            if (v.isArray()) {
                v.forEach(e -> values.add(e.isTextual() ? e.textValue() : e.toString()));
            } else {
                values.add(v.isTextual() ? v.textValue() : v.toString());
            }
            for (String s : values) {
                maxLength = Math.max(maxLength, s.length());
                counts.merge(s, 1L, Long::sum);
            }
            if (samples.size() < 5) {
                samples.add(v.isTextual() ? v.textValue() : v.toString());
            }
        }
        Map<String, Long> top = new LinkedHashMap<>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(20)
                .forEach(e -> top.put(e.getKey(), e.getValue()));
        return new ColumnProfile(column.table(), column.column(), list.size(), nonNull, (long) counts.size(), maxLength,
                samples, top);
    }
}

package io.atomicmigrate.extractor.rest;

import static io.atomicmigrate.extractor.TestSupport.createMigration;
import static io.atomicmigrate.extractor.TestSupport.postgres;
import static io.atomicmigrate.extractor.TestSupport.query;
import static io.atomicmigrate.extractor.TestSupport.sourceJson;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import io.atomicmigrate.common.events.EventEnvelope;
import io.atomicmigrate.common.events.payload.MigrationDiscovered;
import io.atomicmigrate.extractor.TestSupport.TopicReader;
import io.atomicmigrate.fixture.AtomicCrmFixture;
import io.atomicmigrate.fixture.ConfigVariant;
import io.atomicmigrate.fixture.CustomColumns;
import io.atomicmigrate.fixture.DirtyQuirk;
import io.atomicmigrate.fixture.FixtureOptions;
import io.atomicmigrate.fixture.FixtureReport;
import io.atomicmigrate.fixture.SchemaGeneration;
import io.atomicmigrate.localstack.LocalStackTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Discovery on the fixture at every schema generation, with custom columns, dirty data and each
 * way of storing the configuration: exactly the custom columns, the right origin per config key,
 * exact counts and distinct values, and the values the configuration does not know.
 */
@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
class DiscoveryTest {

    private static final List<String> CONFIG_KEYS = List.of("title", "currency", "companySectors", "dealCategories",
            "taskTypes", "dealStages", "dealPipelineStatuses", "noteStatuses");

    @Test
    void currentSchemaWithCustomColumnsDirtyDataAndASavedConfiguration() throws Exception {
        Path storage = Files.createTempDirectory("ext-storage");
        FixtureReport fixture = AtomicCrmFixture.createAndLoad(postgres(), "ext_disc_current", FixtureOptions.builder()
                .customColumns(true).dirty(true).configVariant(ConfigVariant.CUSTOMISED).storageDir(storage).build());
        String id = migrationOn("ext_disc_current");
        try (TopicReader lifecycle = TopicReader.lifecycle(id)) {
            JsonPath d = discover(id);
            assertThat(d.getString("schemaGeneration")).isEqualTo("CURRENT");
            assertCustomColumnsAreExactlyTheFixtures(d);
            assertThat(d.getList("missingColumns")).isEmpty();
            assertCountsAndDistinctValuesAreExact(d, fixture, "ext_disc_current", "contact_notes");
            Map<String, String> sources = d.getMap("configSources");
            CONFIG_KEYS.forEach(k -> assertThat(sources).containsEntry(k, "DATABASE"));
            assertThat(sources).containsEntry("lightModeLogo", "DEFAULT").containsEntry("darkModeLogo", "DEFAULT");
            assertThat(d.getString("effectiveConfig.currency")).isEqualTo("EUR");

            // the unknown values are exactly the ones the fixture injected, with their counts
            Map<String, Long> expectedUnknown = new HashMap<>();
            query("ext_disc_current", "SELECT 'stage:' || stage, count(*) FROM deals WHERE stage IN ('negotiating',"
                    + " 'closed-won', 'qualification') GROUP BY 1 UNION ALL SELECT 'category:' || category, count(*)"
                    + " FROM deals WHERE category IN ('partnership', 'enterprise-upsell', 'Legacy') GROUP BY 1")
                    .forEach(row -> expectedUnknown.put(row.split("\\|")[0], Long.parseLong(row.split("\\|")[1])));
            assertThat(expectedUnknown).isNotEmpty();
            Map<String, Long> unknown = new HashMap<>();
            for (Map<String, Object> u : d.<Map<String, Object>>getList("unknownConfigValues")) {
                assertThat(u.get("table")).isEqualTo("deals");
                unknown.put(u.get("column") + ":" + u.get("value"), ((Number) u.get("count")).longValue());
            }
            assertThat(unknown).isEqualTo(expectedUnknown);
            assertThat(d.getList("warnings", String.class)).anyMatch(w -> w.contains("stage 'negotiating'")
                    || w.contains("stage 'closed-won'") || w.contains("stage 'qualification'"));

            // attachments: every file the fixture wrote or deliberately left out is referenced once
            long files = fixture.attachmentFilesWritten() + fixture.attachmentFilesMissing().size();
            long inventoried = d.getLong("attachments.contact_notes.files") + d.getLong("attachments.deal_notes.files");
            assertThat(inventoried).isEqualTo(files).isPositive();
            assertThat(d.getLong("attachments.contact_notes.notesWithAttachments")).isEqualTo(Long.parseLong(query(
                    "ext_disc_current", "SELECT count(*) FROM contact_notes WHERE array_length(attachments, 1) >= 1")
                    .get(0)));

            // RLS and privileges are part of the audit
            assertThat(d.getBoolean("tables.find { it.name == 'contacts' }.rlsEnabled")).isTrue();
            assertThat(d.getBoolean("role.superuser")).isTrue();
            assertThat(d.getString("tables.find { it.name == 'contacts' }.columns.find { it.name == 'tags' }.type"))
                    .isEqualTo("bigint[]");
            assertThat(d.getString("tables.find { it.name == 'companies' }.columns.find { it.name == 'website' }.type"))
                    .isEqualTo("extensions.citext");
            assertThat(d.getList("foreignKeys.findAll { it.table == 'contacts' && it.onDelete == 'CASCADE' }.refTable"))
                    .contains("public.companies");

            var events = lifecycle.await(r -> !r.isEmpty(), Duration.ofSeconds(20));
            EventEnvelope<MigrationDiscovered> event = TestSupportAccess.decode(events.get(0).value());
            assertThat(events.get(0).key()).isEqualTo(id);
            assertThat(event.payload().customColumns()).hasSize(CustomColumns.descriptions().size());
            assertThat(event.payload().unknownConfigValues()).hasSize(expectedUnknown.size());
            assertThat(event.payload().effectiveConfig().path("currency").asText()).isEqualTo("EUR");
            assertColumnProfilesMatchTheData(event.payload(), "ext_disc_current");
        }
        given().when().get("/migrations/" + id + "/discovery").then().statusCode(200)
                .body("schemaGeneration", is("CURRENT"));
    }

    @Test
    void pre2026WithLegacyLabelsAndNoConfigurationRowUsesTheDefaults() throws Exception {
        FixtureReport fixture = AtomicCrmFixture.createAndLoad(postgres(), "ext_disc_pre2026", FixtureOptions.builder()
                .generation(SchemaGeneration.PRE_2026).customColumns(true).dirty(DirtyQuirk.LEGACY_LABELS).build());
        JsonPath d = discover(migrationOn("ext_disc_pre2026"));
        assertThat(d.getString("schemaGeneration")).isEqualTo("PRE_2026");
        assertCustomColumnsAreExactlyTheFixtures(d);
        assertThat(d.getList("missingColumns")).isEmpty();
        assertCountsAndDistinctValuesAreExact(d, fixture, "ext_disc_pre2026", "\"contactNotes\"");
        assertThat(d.getMap("configSources").values()).containsOnly("DEFAULT");
        // labels such as 'Information Technology' match their config values through the slug rule
        assertThat(d.getMap("distinctValues.'companies.sector'").keySet()).anyMatch(v -> v.toString().contains(" "));
        assertThat(d.getList("unknownConfigValues")).isEmpty();
    }

    @Test
    void v2024WithAnUploadedAppTsxTakesTheConfigurationFromIt() throws Exception {
        Path appTsx = Files.createTempDirectory("ext-app").resolve("App.tsx");
        FixtureReport fixture = AtomicCrmFixture.createAndLoad(postgres(), "ext_disc_v2024", FixtureOptions.builder()
                .generation(SchemaGeneration.V2024).configVariant(ConfigVariant.APP_TSX).appTsxFile(appTsx).build());
        String id = migrationOn("ext_disc_v2024");
        given().contentType("text/plain").body(Files.readString(appTsx)).when().put("/migrations/" + id + "/app-tsx")
                .then().statusCode(204);
        JsonPath d = discover(id);
        assertThat(d.getString("schemaGeneration")).isEqualTo("V2024");
        assertThat(d.getList("customColumns")).isEmpty();
        assertThat(d.getList("missingColumns")).isEmpty();
        assertCountsAndDistinctValuesAreExact(d, fixture, "ext_disc_v2024", "\"contactNotes\"");
        Map<String, String> sources = d.getMap("configSources");
        CONFIG_KEYS.forEach(k -> assertThat(sources).as(k).containsEntry(k, "APP_TSX"));
        assertThat(sources).containsEntry("lightModeLogo", "DEFAULT");
        assertThat(d.getList("effectiveConfig.dealStages.value")).containsExactly("lead", "demo", "negotiation",
                "won", "lost");
        assertThat(d.getList("unknownConfigValues")).isEmpty();
        given().contentType("text/plain").body(" ").when().put("/migrations/" + id + "/app-tsx")
                .then().statusCode(400).body("code", is("APP_TSX_EMPTY"));
    }

    @Test
    void aStandardDatabaseHasNothingCustomAndItsScopingReportPricesEveryPhase() throws Exception {
        FixtureReport fixture = AtomicCrmFixture.createAndLoad(postgres(), "ext_disc_plain", FixtureOptions.builder()
                .build());
        String id = migrationOn("ext_disc_plain");
        given().when().get("/migrations/" + id + "/scoping").then().statusCode(404).body("code", is("NOT_DISCOVERED"));
        JsonPath d = discover(id);
        assertThat(d.getList("customColumns")).isEmpty();
        assertThat(d.getList("missingColumns")).isEmpty();
        assertThat(d.getList("unknownConfigValues")).isEmpty();
        assertThat(d.getMap("configSources").values()).containsOnly("DEFAULT");

        JsonPath s = given().accept("application/json").when().get("/migrations/" + id + "/scoping?seats=2")
                .then().statusCode(200).extract().jsonPath();
        assertThat(s.getLong("phases.find { it.phase == 'ORGANIZATIONS' }.tokens")).isEqualTo(fixture.count("companies") * 5);
        assertThat(s.getLong("phases.find { it.phase == 'PERSONS' }.tokens")).isEqualTo(fixture.count("contacts") * 5);
        assertThat(s.getLong("phases.find { it.phase == 'NOTES' }.tokens"))
                .isEqualTo((fixture.count("contact_notes") + fixture.count("deal_notes")) * 10);
        assertThat(s.getLong("phases.find { it.phase == 'ACTIVITIES' }.calls")).isEqualTo(fixture.count("tasks"));
        assertThat(s.getLong("phases.find { it.phase == 'LEADS' }.records")).isEqualTo(Long.parseLong(query(
                "ext_disc_plain", "SELECT count(*) FROM contacts c WHERE company_id IS NULL AND NOT EXISTS"
                        + " (SELECT 1 FROM deals d WHERE c.id = ANY (d.contact_ids))").get(0)));
        assertThat(s.getLong("durations.find { it.plan == 'LITE' }.dailyTokens")).isEqualTo(60_000);
        assertThat(s.getInt("durations.find { it.plan == 'ULTIMATE' }.burstPer2s")).isEqualTo(120);
        assertThat(s.getString("complexity.grade")).isEqualTo("LOW");
        long total = s.getList("phases.tokens", Long.class).stream().mapToLong(Long::longValue).sum();
        assertThat(s.getLong("totalTokens")).isEqualTo(total);

        given().accept("text/plain").when().get("/migrations/" + id + "/scoping").then().statusCode(200)
                .body(containsString("Duration per plan")).body(containsString("ORGANIZATIONS"));
        given().accept("text/html").when().get("/migrations/" + id + "/scoping").then().statusCode(200)
                .body(containsString("<h2>Pipedrive API estimate</h2>"));
        given().when().get("/migrations/" + id + "/scoping?seats=0").then().statusCode(400)
                .body(containsString("seats must be between 1 and 10000"));
    }

    /** Profiles (fill rate, distinct values, samples) are computed from the rows, dirty ones included. */
    private static void assertColumnProfilesMatchTheData(MigrationDiscovered discovered, String db) {
        Map<String, MigrationDiscovered.ColumnProfile> byKey = new HashMap<>();
        discovered.columnProfiles().forEach(p -> byKey.put(p.table() + "." + p.column(), p));
        // every column of every migrated table but the id is profiled, custom columns included
        assertThat(byKey).containsKeys("contacts.first_name", "contacts.email_jsonb", "companies.sector",
                "deals.stage", "tasks.type", "contact_notes.text", "contacts.nickname", "contacts.languages");
        assertThat(byKey).doesNotContainKeys("contacts.id", "configuration.config");

        var firstName = byKey.get("contacts.first_name");
        assertThat(firstName.rows()).isEqualTo(Long.parseLong(query(db, "SELECT count(*) FROM contacts").get(0)));
        assertThat(firstName.nonNull()).isEqualTo(Long.parseLong(query(db,
                "SELECT count(*) FROM contacts WHERE first_name IS NOT NULL AND first_name <> ''").get(0)));
        assertThat(firstName.nonNull()).isLessThan(firstName.rows()); // the dirty contacts without a name

        var stage = byKey.get("deals.stage");
        assertThat(stage.distinct()).isEqualTo(Long.parseLong(query(db, "SELECT count(DISTINCT stage) FROM deals").get(0)));
        String topStage = query(db, "SELECT stage FROM deals GROUP BY stage ORDER BY count(*) DESC, stage LIMIT 1").get(0);
        assertThat(stage.samples()).startsWith(topStage);
        assertThat(stage.topValues().values().stream().mapToLong(Long::longValue).sum()).isLessThanOrEqualTo(stage.rows());

        // an array column is profiled by element: its options are languages, not '{English,French}' literals
        var languages = byKey.get("contacts.languages");
        assertThat(languages.distinct()).isEqualTo(Long.parseLong(query(db,
                "SELECT count(DISTINCT l) FROM contacts, unnest(languages) AS l WHERE l <> ''").get(0)));
        assertThat(languages.topValues().keySet()).isNotEmpty()
                .allMatch(v -> !v.startsWith("{") && !v.contains(","));
        assertThat(languages.topValues().keySet()).isSubsetOf(query(db,
                "SELECT DISTINCT l FROM contacts, unnest(languages) AS l WHERE l <> ''"));

        // over-long values: their length is reported, but what travels is cut to 200 characters
        var text = byKey.get("contact_notes.text");
        assertThat(text.maxLength()).isGreaterThan(200);
        assertThat(text.samples()).allMatch(v -> v.length() <= 200);
        assertThat(text.topValues().keySet()).allMatch(v -> v.length() <= 200);
    }

    private static String migrationOn(String database) {
        return createMigration("{\"name\": \"" + database + "\", \"source\": " + sourceJson(database, "postgres", null)
                + ", \"destination\": {\"companyDomain\": \"acme\"}}");
    }

    private static JsonPath discover(String id) {
        return given().when().post("/migrations/" + id + "/discovery").then().statusCode(200).extract().jsonPath();
    }

    private static void assertCustomColumnsAreExactlyTheFixtures(JsonPath d) {
        Set<String> expected = new HashSet<>();
        CustomColumns.descriptions().forEach(desc -> expected.add(desc.split(" ")[0]));
        Set<String> found = new HashSet<>();
        for (Map<String, Object> c : d.<Map<String, Object>>getList("customColumns")) {
            found.add(c.get("table") + "." + c.get("column"));
        }
        assertThat(found).isEqualTo(expected);
        assertThat(d.getString("customColumns.find { it.column == 'lead_source' }.dataType")).isEqualTo("USER-DEFINED");
        assertThat(d.getList("customColumns.find { it.column == 'lead_source' }.enumLabels"))
                .containsExactly("website", "referral", "trade-show", "cold-call", "partner");
        assertThat(d.getString("customColumns.find { it.column == 'languages' }.udtName")).isEqualTo("_text");
        assertThat(d.getString("customColumns.find { it.column == 'nickname' }.udtName")).isEqualTo("varchar");
        assertThat(d.getString("customColumns.find { it.column == 'lifetime_value' }.dataType")).isEqualTo("numeric");
        assertThat(d.getString("customColumns.find { it.column == 'preferences' }.udtName")).isEqualTo("jsonb");
    }

    private static void assertCountsAndDistinctValuesAreExact(JsonPath d, FixtureReport fixture, String db,
                                                              String contactNotes) {
        Map<String, Long> counts = new LinkedHashMap<>();
        d.<String, Object>getMap("rowCounts").forEach((k, v) -> counts.put(k, ((Number) v).longValue()));
        Map<String, Long> expected = new LinkedHashMap<>();
        fixture.rowCounts().forEach((table, n) -> {
            if (!table.contains(".")) {
                expected.put(table.equals("contactNotes") ? "contact_notes" : table.equals("dealNotes") ? "deal_notes"
                        : table, n);
            }
        });
        assertThat(counts).isEqualTo(expected);
        Map<String, String> columns = Map.of("deals.stage", "deals", "deals.category", "deals", "tasks.type", "tasks",
                "contact_notes.status", contactNotes, "companies.sector", "companies", "contacts.gender", "contacts");
        columns.forEach((column, table) -> {
            Map<String, Long> expectedValues = new HashMap<>();
            String col = column.substring(column.indexOf('.') + 1);
            query(db, "SELECT " + col + ", count(*) FROM public." + table + " WHERE " + col + " IS NOT NULL GROUP BY 1")
                    .forEach(row -> {
                        int bar = row.lastIndexOf('|');
                        expectedValues.put(row.substring(0, bar), Long.parseLong(row.substring(bar + 1)));
                    });
            Map<String, Long> found = new HashMap<>();
            d.<String, Object>getMap("distinctValues.'" + column + "'")
                    .forEach((k, v) -> found.put(k, ((Number) v).longValue()));
            assertThat(found).as(column).isEqualTo(expectedValues).isNotEmpty();
        });
    }

    /** Decoding with the codec in one place. */
    static final class TestSupportAccess {
        @SuppressWarnings("unchecked")
        static EventEnvelope<MigrationDiscovered> decode(byte[] bytes) {
            return io.atomicmigrate.extractor.TestSupport.CODEC.decode(bytes, MigrationDiscovered.class);
        }
    }
}

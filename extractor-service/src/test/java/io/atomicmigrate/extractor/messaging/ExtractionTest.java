package io.atomicmigrate.extractor.messaging;

import static io.atomicmigrate.extractor.TestSupport.createMigration;
import static io.atomicmigrate.extractor.TestSupport.postgres;
import static io.atomicmigrate.extractor.TestSupport.query;
import static io.atomicmigrate.extractor.TestSupport.role;
import static io.atomicmigrate.extractor.TestSupport.sourceJson;
import static io.atomicmigrate.extractor.TestSupport.sql;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import io.atomicmigrate.common.events.EventEnvelope;
import io.atomicmigrate.common.events.Phase;
import io.atomicmigrate.common.events.payload.PhaseStarted;
import io.atomicmigrate.common.events.payload.RunStarted.RunKind;
import io.atomicmigrate.extractor.TestSupport;
import io.atomicmigrate.extractor.TestSupport.TopicReader;
import io.atomicmigrate.extractor.messaging.PhaseRunner.PhaseResult;
import io.atomicmigrate.extractor.messaging.PhaseRunner.Received;
import io.atomicmigrate.extractor.service.extraction.PhaseChecksum;
import io.atomicmigrate.extractor.service.extraction.RowCanonicalizer;
import io.atomicmigrate.fixture.AtomicCrmFixture;
import io.atomicmigrate.fixture.FixtureOptions;
import io.atomicmigrate.fixture.FixtureReport;
import io.atomicmigrate.fixture.SchemaGeneration;
import io.atomicmigrate.localstack.LocalStackTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Streaming extraction on phase starts, against the real broker and a fixture database: full runs
 * as a SELECT-only role that leave the source untouched, one snapshot per run, canonical rows with
 * their hashes and checksums, referentially closed samples, deltas with deletions, legacy shapes.
 */
@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
class ExtractionTest {

    private static final String DB = "ext_extract";
    private static final List<Phase> ALL = List.of(Phase.values());
    private static FixtureReport fixture;

    @BeforeAll
    static void source() throws Exception {
        fixture = AtomicCrmFixture.createAndLoad(postgres(), DB, FixtureOptions.builder().customColumns(true)
                .dirty(true).storageDir(Files.createTempDirectory("ext-files")).build());
        role("ext_select", "select-pw", "BYPASSRLS");
        sql(DB, "GRANT USAGE ON SCHEMA public TO ext_select",
                "GRANT SELECT ON ALL TABLES IN SCHEMA public TO ext_select");
    }

    @Test
    void aProductionRunAsASelectOnlyRoleStreamsEveryPhaseAndChangesNothing() {
        Map<String, String> before = fingerprint(DB);
        String id = createMigration("{\"name\": \"full\", \"source\": " + sourceJson(DB, "ext_select", "select-pw")
                + ", \"destination\": {\"companyDomain\": \"acme\"}}");
        Map<Phase, PhaseResult> run = PhaseRunner.run(id, "run-" + UUID.randomUUID(), RunKind.PRODUCTION, 0, ALL, null);

        assertThat(perTable(run, Phase.ORGANIZATIONS)).isEqualTo(Map.of("sales", fixture.count("sales"),
                "tags", fixture.count("tags"), "companies", fixture.count("companies")));
        assertThat(perTable(run, Phase.PERSONS)).isEqualTo(Map.of("contacts", fixture.count("contacts")));
        assertThat(perTable(run, Phase.LEADS)).isEqualTo(Map.of("contacts", fixture.count("contacts")));
        assertThat(perTable(run, Phase.DEALS)).isEqualTo(Map.of("deals", fixture.count("deals")));
        assertThat(perTable(run, Phase.NOTES)).isEqualTo(Map.of("contact_notes", fixture.count("contact_notes"),
                "deal_notes", fixture.count("deal_notes")));
        assertThat(perTable(run, Phase.ACTIVITIES)).isEqualTo(Map.of("tasks", fixture.count("tasks")));
        assertThat(perTable(run, Phase.FILES)).isEqualTo(Map.of(
                "contact_notes", count(DB, "SELECT count(*) FROM contact_notes WHERE cardinality(attachments) > 0"),
                "deal_notes", count(DB, "SELECT count(*) FROM deal_notes WHERE cardinality(attachments) > 0")));

        for (Map.Entry<Phase, PhaseResult> e : run.entrySet()) {
            PhaseResult r = e.getValue();
            assertThat(r.records()).hasSize((int) r.extracted().rowCount());
            assertThat(r.records().stream().map(x -> x.table() + "/" + x.sourceId()).distinct())
                    .hasSize(r.records().size());
            PhaseChecksum checksum = new PhaseChecksum();
            for (Received x : r.records()) {
                assertThat(RowCanonicalizer.hash(x.row())).as("hash of %s/%s", x.table(), x.sourceId())
                        .isEqualTo(x.rowHash());
                assertThat(x.change()).isNull();
                checksum.add(x.rowHash());
            }
            assertThat(r.extracted().checksum()).as(e.getKey().name()).isEqualTo(checksum.hex());
        }

        // the canonical row is the database row: exact numerics, UTC timestamps, custom columns, sorted keys
        String contactId = query(DB, "SELECT id FROM contacts WHERE lifetime_value IS NOT NULL AND first_seen IS NOT NULL"
                + " ORDER BY id LIMIT 1").get(0);
        JsonNode row = run.get(Phase.PERSONS).records().stream().filter(x -> x.sourceId().equals(contactId))
                .findFirst().orElseThrow().row();
        String[] expected = query(DB, "SELECT lifetime_value::text, to_char(first_seen AT TIME ZONE 'UTC',"
                + " 'YYYY-MM-DD\"T\"HH24:MI:SS'), lead_source::text FROM contacts WHERE id = " + contactId)
                .get(0).split("\\|");
        assertThat(row.get("lifetime_value").decimalValue().toPlainString()).isEqualTo(expected[0]);
        assertThat(row.get("first_seen").asText()).startsWith(expected[1]).endsWith("+00:00");
        if (!"null".equals(expected[2])) {
            assertThat(row.get("lead_source").asText()).isEqualTo(expected[2]);
        }
        List<String> keys = new ArrayList<>();
        row.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).isSorted().contains("email_jsonb", "nickname", "languages");

        assertThat(fingerprint(DB)).as("the source is unchanged").isEqualTo(before);
    }

    @Test
    void aSampleRunIsReferentiallyClosedAndARepeatedPhaseStartDoesNothing() {
        String id = createMigration("{\"name\": \"sample\", \"source\": " + sourceJson(DB, "ext_select", "select-pw")
                + ", \"destination\": {\"companyDomain\": \"acme\"}}");
        String runId = "run-" + UUID.randomUUID();
        Map<Phase, PhaseResult> run = PhaseRunner.run(id, runId, RunKind.SAMPLE, 5, ALL, null);
        Set<Long> companies = ids(run, Phase.ORGANIZATIONS, "companies");
        Set<Long> contacts = ids(run, Phase.PERSONS, "contacts");
        Set<Long> deals = ids(run, Phase.DEALS, "deals");
        assertThat(companies).hasSizeGreaterThanOrEqualTo(5).hasSizeLessThan((int) fixture.count("companies"));
        assertThat(contacts).hasSizeGreaterThanOrEqualTo(5).hasSizeLessThan((int) fixture.count("contacts"));
        assertThat(deals).hasSizeGreaterThanOrEqualTo(5).hasSizeLessThan((int) fixture.count("deals"));
        assertThat(ids(run, Phase.LEADS, "contacts")).isEqualTo(contacts);
        Set<Long> existingContacts = query(DB, "SELECT id FROM contacts").stream().map(Long::parseLong)
                .collect(Collectors.toSet());
        for (Received c : run.get(Phase.PERSONS).records()) {
            if (!c.row().get("company_id").isNull()) {
                assertThat(companies).contains(c.row().get("company_id").asLong());
            }
        }
        for (Received d : run.get(Phase.DEALS).records()) {
            if (!d.row().get("company_id").isNull()) {
                assertThat(companies).contains(d.row().get("company_id").asLong());
            }
            d.row().path("contact_ids").forEach(c -> {
                if (existingContacts.contains(c.asLong())) { // dangling ids (no FK) cannot be brought along
                    assertThat(contacts).contains(c.asLong());
                }
            });
        }
        for (Received n : run.get(Phase.NOTES).records()) {
            if (n.table().equals("contact_notes")) {
                assertThat(contacts).contains(n.row().get("contact_id").asLong());
            } else {
                assertThat(deals).contains(n.row().get("deal_id").asLong());
            }
        }
        assertThat(run.get(Phase.NOTES).records()).hasSizeGreaterThanOrEqualTo(10);
        for (Received t : run.get(Phase.ACTIVITIES).records()) {
            assertThat(contacts).contains(t.row().get("contact_id").asLong());
        }
        assertThat(run.get(Phase.FILES).records()).isNotEmpty()
                .allSatisfy(f -> assertThat(f.row().get("attachments").size()).isPositive());

        try (TopicReader records = TopicReader.records(id); TopicReader lifecycle = TopicReader.lifecycle(id)) {
            TestSupport.publish(EventEnvelope.of(id, runId, Phase.ORGANIZATIONS,
                    new PhaseStarted(Phase.ORGANIZATIONS.sourceTables())));
            assertThat(records.drain(Duration.ofSeconds(3))).isEmpty();
            assertThat(lifecycle.events()).allMatch(e -> e.payload() instanceof PhaseStarted);
        }
    }

    /** A fixture database, a migration on it, and one full production run of these phases (the delta baseline). */
    private String migrationAfterAFullRun(String db, String name, List<Phase> phases) throws Exception {
        AtomicCrmFixture.createAndLoad(postgres(), db, FixtureOptions.builder().build());
        String id = createMigration("{\"name\": \"" + name + "\", \"source\": " + sourceJson(db, "postgres", null)
                + ", \"destination\": {\"companyDomain\": \"acme\"}}");
        PhaseRunner.run(id, "run-full-" + UUID.randomUUID(), RunKind.PRODUCTION, 0, phases, null);
        return id;
    }

    @Test
    void deltaRunsPublishOnlyWhatChangedSinceTheLastRunAndReadTheirOwnSnapshot() throws Exception {
        String db = "ext_delta";
        List<Phase> phases = List.of(Phase.ORGANIZATIONS, Phase.PERSONS, Phase.NOTES);
        String id = migrationAfterAFullRun(db, "delta", phases);

        long changedCompany = count(db, "SELECT min(id) FROM companies");
        long deletedContact = count(db, "SELECT min(contact_id) FROM contact_notes");
        long notesOfDeleted = count(db, "SELECT count(*) FROM contact_notes WHERE contact_id = " + deletedContact);
        String deletedHash = new RowCanonicalizer().canonical("contacts", deletedContact, query(db,
                "SELECT to_jsonb(c)::text FROM contacts c WHERE id = " + deletedContact).get(0))
                .hash();

        // a delta run whose snapshot predates changes made while it runs sees none of them
        Map<Phase, PhaseResult> quiet = PhaseRunner.run(id, "run-d1-" + UUID.randomUUID(), RunKind.DELTA, 0, phases,
                phase -> {
                    if (phase == Phase.ORGANIZATIONS) {
                        sql(db, "UPDATE companies SET name = name || ' GmbH' WHERE id = " + changedCompany,
                                "INSERT INTO companies (id, name, created_at) VALUES (900001, 'Newco', now())",
                                "DELETE FROM contacts WHERE id = " + deletedContact);
                    }
                });
        quiet.values().forEach(r -> assertThat(r.records()).isEmpty());
        assertThat(quiet.get(Phase.PERSONS).extracted().unchangedCount())
                .isEqualTo(count(db, "SELECT count(*) FROM contacts") + 1);

        Map<Phase, PhaseResult> delta = PhaseRunner.run(id, "run-d2-" + UUID.randomUUID(), RunKind.DELTA, 0, phases,
                null);
        assertThat(delta.get(Phase.ORGANIZATIONS).records()).extracting(Received::sourceId, Received::change)
                .containsExactlyInAnyOrder(tuple(Long.toString(changedCompany), "CHANGED"), tuple("900001", "NEW"));
        assertThat(delta.get(Phase.PERSONS).records()).singleElement().satisfies(r -> {
            assertThat(r.sourceId()).isEqualTo(Long.toString(deletedContact));
            assertThat(r.change()).isEqualTo("DELETED");
            assertThat(r.row()).isNull();
            assertThat(r.rowHash()).isEqualTo(deletedHash);
        });
        assertThat(delta.get(Phase.PERSONS).extracted().deletedCount()).isEqualTo(1);
        assertThat(delta.get(Phase.NOTES).extracted().deletedCount()).isEqualTo(notesOfDeleted).isPositive();
        assertThat(delta.get(Phase.NOTES).records()).allMatch(r -> "DELETED".equals(r.change()));
    }

    @Test
    void aSecondFullRunIsTheBaselineOfTheNextDelta() throws Exception {
        // the first full run inserts its hashes; the second upserts them and marks unseen rows deleted
        String db = "ext_second_full";
        List<Phase> phases = List.of(Phase.ORGANIZATIONS, Phase.PERSONS, Phase.NOTES);
        String id = migrationAfterAFullRun(db, "second full", phases);

        long changedCompany = count(db, "SELECT min(id) FROM companies");
        long deletedContact = count(db, "SELECT min(contact_id) FROM contact_notes");
        sql(db, "UPDATE companies SET name = name || ' GmbH' WHERE id = " + changedCompany,
                "DELETE FROM contacts WHERE id = " + deletedContact);
        Map<Phase, PhaseResult> second = PhaseRunner.run(id, "run-full2-" + UUID.randomUUID(), RunKind.PRODUCTION, 0,
                phases, null);
        assertThat(second.get(Phase.PERSONS).records()).hasSize((int) count(db, "SELECT count(*) FROM contacts"))
                .allMatch(r -> r.change() == null);
        assertThat(second.get(Phase.PERSONS).extracted().deletedCount()).isZero();

        Map<Phase, PhaseResult> delta = PhaseRunner.run(id, "run-d-" + UUID.randomUUID(), RunKind.DELTA, 0, phases,
                null);
        delta.values().forEach(r -> assertThat(r.records()).isEmpty());
        assertThat(delta.get(Phase.PERSONS).extracted().unchangedCount())
                .isEqualTo(count(db, "SELECT count(*) FROM contacts"));
    }

    @Test
    void aPhaseOfAMigrationThisServiceDoesNotKnowIsLeftAlone() {
        String stranger = "mig-unknown-" + UUID.randomUUID();
        try (TopicReader records = TopicReader.records(stranger); TopicReader lifecycle = TopicReader.lifecycle(stranger)) {
            TestSupport.publish(EventEnvelope.of(stranger, "run-x", Phase.ORGANIZATIONS,
                    new PhaseStarted(Phase.ORGANIZATIONS.sourceTables())));
            assertThat(records.drain(Duration.ofSeconds(3))).isEmpty();
            assertThat(lifecycle.drain(Duration.ofMillis(500))).hasSize(1); // only the start itself
        }
    }

    @Test
    void olderGenerationsAreReadUnderTheCurrentNamesAndShapes() throws Exception {
        String db = "ext_legacy";
        FixtureReport legacy = AtomicCrmFixture.createAndLoad(postgres(), db, FixtureOptions.builder()
                .generation(SchemaGeneration.V2024).build());
        String id = createMigration("{\"name\": \"legacy\", \"source\": " + sourceJson(db, "postgres", null)
                + ", \"destination\": {\"companyDomain\": \"acme\"}}");
        Map<Phase, PhaseResult> run = PhaseRunner.run(id, "run-" + UUID.randomUUID(), RunKind.PRODUCTION, 0,
                List.of(Phase.ORGANIZATIONS, Phase.PERSONS, Phase.NOTES), null);
        // ORGANIZATIONS also carries sales and tags now; the rename is about companies
        assertThat(run.get(Phase.ORGANIZATIONS).records().stream().filter(r -> r.table().equals("companies")))
                .isNotEmpty().allSatisfy(r -> {
            assertThat(r.row().has("state_abbr")).isTrue();
            assertThat(r.row().has("stateAbbr")).isFalse();
        });
        String[] contact = query(db, "SELECT id, email, phone_1_number FROM contacts WHERE email IS NOT NULL AND"
                + " phone_1_number IS NOT NULL ORDER BY id LIMIT 1").get(0).split("\\|");
        JsonNode row = run.get(Phase.PERSONS).records().stream().filter(r -> r.sourceId().equals(contact[0]))
                .findFirst().orElseThrow().row();
        assertThat(row.has("email")).isFalse();
        assertThat(row.get("email_jsonb").get(0).get("email").asText()).isEqualTo(contact[1]);
        assertThat(row.get("email_jsonb").get(0).get("type").asText()).isEqualTo("Other");
        assertThat(row.get("phone_jsonb").get(0).get("number").asText()).isEqualTo(contact[2]);
        assertThat(perTable(run, Phase.NOTES)).isEqualTo(Map.of("contact_notes", legacy.count("contactNotes"),
                "deal_notes", legacy.count("dealNotes")));
    }

    private static Map<String, Long> perTable(Map<Phase, PhaseResult> run, Phase phase) {
        return run.get(phase).extracted().perTable();
    }

    private static Set<Long> ids(Map<Phase, PhaseResult> run, Phase phase, String table) {
        Set<Long> ids = new HashSet<>();
        run.get(phase).records().stream().filter(r -> r.table().equals(table))
                .forEach(r -> ids.add(Long.parseLong(r.sourceId())));
        return ids;
    }

    private static long count(String db, String sql) {
        return Long.parseLong(query(db, sql).get(0));
    }

    /** Every row of every public table, hashed, plus the write counters: what "nothing changed" means. */
    private static Map<String, String> fingerprint(String db) {
        Map<String, String> prints = new TreeMap<>();
        for (String table : query(db, "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")) {
            prints.put(table, query(db, "SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY"
                    + " t::text)), '') FROM public.\"" + table + "\" t").get(0));
        }
        prints.put("writes", query(db, "SELECT coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0)"
                + " FROM pg_stat_user_tables WHERE schemaname = 'public'").get(0));
        return prints;
    }
}

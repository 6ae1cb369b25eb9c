package io.atomicmigrate.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.atomicmigrate.demo.client.MigrationRequest;
import io.atomicmigrate.demo.service.DemoDestination;
import io.atomicmigrate.demo.service.DemoSource;
import io.atomicmigrate.demo.service.MigrationDriver;
import io.atomicmigrate.sandbox.service.RequestCounters;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The whole product on the default fixture (upstream's demo volumes, with custom columns and a
 * customised configuration): five services as processes, the sandbox as Pipedrive, the map
 * approved and the sample confirmed explicitly. Every expected value is read from the source
 * database; the actual ones from the sandbox account's stored records.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EndToEndMigrationTest {

    private static final String DOMAIN = "e2e-default";
    private static final ObjectMapper JSON = new ObjectMapper();

    private E2eEnvironment env;
    private SourceDatabase source;
    private MigrationDriver.Result result;
    private AccountContents pd;
    private JsonNode map;

    @BeforeAll
    void migrate() throws Exception {
        env = E2eEnvironment.shared();
        DemoSource generated = DemoSource.generate(env.postgres(), "e2e_default", 1.0, 42);
        source = new SourceDatabase(env.postgres(), "e2e_default");
        DemoDestination.Account account = env.sandbox.createAccount(DOMAIN, "premium", generated.sales());
        result = env.driver().run(new MigrationRequest("e2e default fixture", generated.url(), generated.user(),
                generated.password(), account.baseUrl(), null, account.apiToken(), null), true, true);
        pd = AccountContents.of(env.sandbox.sandbox(), DOMAIN);
        map = env.api.map(result.migrationId()).orElseThrow().path("map").path("document");
    }

    @Test
    @Order(1)
    void everyPhaseReconcilesWithNothingRejectedOrFailedAndVerificationIsComplete() {
        JsonNode run = run(result.status(), result.runId());
        assertThat(run.path("state").asText()).isEqualTo("COMPLETE");
        Map<String, Long> expectedRows = Map.of(
                "ORGANIZATIONS", source.count("SELECT (SELECT count(*) FROM sales) + (SELECT count(*) FROM tags)"
                        + " + (SELECT count(*) FROM companies)"),
                "PERSONS", source.count("SELECT count(*) FROM contacts"),
                "LEADS", source.count("SELECT count(*) FROM contacts"),
                "DEALS", source.count("SELECT count(*) FROM deals"),
                "NOTES", source.count("SELECT (SELECT count(*) FROM contact_notes) + (SELECT count(*) FROM deal_notes)"),
                "ACTIVITIES", source.count("SELECT count(*) FROM tasks"));
        Map<String, Long> extracted = new TreeMap<>();
        for (JsonNode phase : run.path("phases")) {
            JsonNode report = phase.path("report");
            JsonNode counts = report.path("counts");
            assertThat(phase.path("state").asText()).as(phase.path("phase").asText()).isEqualTo("COMPLETE");
            assertThat(report.path("invariantHolds").asBoolean()).as(phase + " invariant").isTrue();
            assertThat(counts.path("rejected").asLong()).as(phase + " rejected").isZero();
            assertThat(counts.path("failed").asLong()).as(phase + " failed").isZero();
            assertThat(report.path("checksum").asText()).as("rows received are the rows published")
                    .isEqualTo(report.path("expectedChecksum").asText());
            extracted.put(phase.path("phase").asText(), counts.path("extracted").asLong());
        }
        assertThat(extracted).isEqualTo(new TreeMap<>(expectedRows));

        JsonNode verification = result.verification();
        assertThat(verification.path("complete").asBoolean()).as("verification: " + verification).isTrue();
        for (JsonNode o : verification.path("objects")) {
            assertThat(o.path("recordsMissing").asLong()).as(o.path("object").asText() + " missing").isZero();
            assertThat(o.path("fieldMismatches").asLong()).as(o.path("object").asText() + " mismatches").isZero();
        }
    }

    @Test
    @Order(2)
    void theAccountHoldsExactlyOneRecordPerSourceRecordPersonsVersusLeadsByTheRule() {
        // the approved map's dedup policy (persons by e-mail, organizations by name, merge): two source rows
        // with one e-mail or one company name are one Pipedrive record, the others one record each
        assertThat(map.path("dedup").path("onMatch").asText()).isEqualTo("merge");
        assertThat(pd.byMarker("organization")).hasSize((int) source.count("SELECT count(DISTINCT " + NAME_KEY + ") FROM companies"));
        assertThat(pd.byMarker("person")).hasSize((int) source.count("SELECT count(DISTINCT " + EMAIL_KEY + ") FROM contacts"));
        assertThat(pd.byMarker("deal")).hasSize((int) source.count("SELECT count(*) FROM deals"));
        // the map's rule: no deal and no company -> a Lead (with its Person); the others are Persons only
        long leadContacts = source.count("SELECT count(*) FROM contacts c WHERE c.company_id IS NULL"
                + " AND NOT EXISTS (SELECT 1 FROM deals d WHERE c.id = ANY (d.contact_ids))");
        assertThat(pd.live("lead")).hasSize((int) leadContacts);
        assertThat(pd.live("note")).hasSize((int) source.count(
                "SELECT (SELECT count(*) FROM contact_notes) + (SELECT count(*) FROM deal_notes)"));
        assertThat(pd.live("activity")).hasSize((int) source.count("SELECT count(*) FROM tasks"));
        // nothing we created is there twice, and every source row has its record (its own, or the one it merged into)
        for (String entity : List.of("organization", "person", "deal")) {
            pd.byMarker(entity).forEach((marker, rows) -> assertThat(rows).as(entity + " " + marker).hasSize(1));
        }
        assertThat(organizationOf().keySet()).containsExactlyInAnyOrderElementsOf(
                source.rows("SELECT id FROM companies").stream().map(r -> ((Number) r.get("id")).longValue()).toList());
        assertThat(personOf().keySet()).containsExactlyInAnyOrderElementsOf(
                source.rows("SELECT id FROM contacts").stream().map(r -> ((Number) r.get("id")).longValue()).toList());
        long merged = 0;
        for (JsonNode phase : run(result.status(), result.runId()).path("phases")) {
            merged += phase.path("report").path("counts").path("merged").asLong();
        }
        assertThat(merged).as("merged records in the reconciliation").isEqualTo(
                source.count("SELECT count(*) - count(DISTINCT " + NAME_KEY + ") FROM companies")
                        + source.count("SELECT count(*) - count(DISTINCT " + EMAIL_KEY + ") FROM contacts"));
    }

    @Test
    @Order(3)
    void onePipelinePerCategoryWithTheConfiguredStagesInOrderAndTheActivityTypesAndLabels() throws Exception {
        JsonNode config = JSON.readTree(source.strings("SELECT config::text FROM configuration").get(0));
        Map<Long, String> pipelineNames = new HashMap<>();
        for (JsonNode p : pd.live("pipeline")) {
            pipelineNames.put(p.path("id").asLong(), p.path("name").asText());
        }
        List<String> stageLabels = new ArrayList<>();
        config.path("dealStages").forEach(s -> stageLabels.add(s.path("label").asText()));
        for (JsonNode category : config.path("dealCategories")) {
            String label = category.path("label").asText();
            List<Long> ids = pipelineNames.entrySet().stream().filter(e -> e.getValue().equals(label))
                    .map(Map.Entry::getKey).toList();
            assertThat(ids).as("pipelines named " + label).hasSize(1);
            List<String> stages = pd.live("stage").stream().filter(s -> s.path("pipeline_id").asLong() == ids.get(0))
                    .sorted((a, b) -> Integer.compare(a.path("order_nr").asInt(), b.path("order_nr").asInt()))
                    .map(s -> s.path("name").asText()).toList();
            assertThat(stages).as("stages of " + label).containsExactlyElementsOf(stageLabels);
        }
        // every task type has the activity type the approved map chose for it (an existing one, or one created)
        Set<String> activityTypes = pd.live("activityType").stream().map(t -> t.path("key_string").asText())
                .collect(Collectors.toSet());
        Map<String, String> typeOfTask = new HashMap<>();
        map.path("activityTypes").forEach(t -> typeOfTask.put(t.path("value").asText(), t.path("key").asText()));
        config.path("taskTypes").forEach(t -> assertThat(activityTypes).as("activity type of task type " + t)
                .contains(typeOfTask.get(t.path("value").asText())));
        Set<String> usedTypes = pd.live("activity").stream().map(a -> a.path("type").asText()).collect(Collectors.toSet());
        assertThat(activityTypes).containsAll(usedTypes);
        Set<String> labels = new HashSet<>();
        pd.field("person", "Labels").orElseThrow().path("options").forEach(o -> labels.add(o.path("label").asText()));
        assertThat(labels).containsAll(source.strings("SELECT name FROM tags"));
    }

    @Test
    @Order(4)
    void ownersLinksAndOriginalNoteTimestampsArrive() {
        Map<Long, String> userEmails = new HashMap<>();
        pd.all("user").forEach(u -> userEmails.put(u.path("id").asLong(), u.path("email").asText().toLowerCase(Locale.ROOT)));
        Map<Long, Long> orgOf = organizationOf();
        Map<Long, Long> personOf = personOf();
        Map<String, List<JsonNode>> personsByMarker = pd.byMarker("person");
        Map<String, List<JsonNode>> dealsByMarker = pd.byMarker("deal");

        for (Map<String, Object> c : source.rows("SELECT c.id, c.company_id, lower(s.email) AS owner FROM contacts c"
                + " JOIN sales s ON s.id = c.sales_id")) {
            List<JsonNode> own = personsByMarker.get("contacts:" + c.get("id"));
            if (own == null) {
                continue; // merged into the person of a contact with the same e-mail: that contact's owner and company
            }
            JsonNode person = own.get(0);
            assertThat(userEmails.get(person.path("owner_id").asLong())).as("owner of contact " + c.get("id"))
                    .isEqualTo(c.get("owner"));
            Long org = c.get("company_id") == null ? null : orgOf.get(((Number) c.get("company_id")).longValue());
            assertThat(person.path("org_id").isNull() ? null : person.path("org_id").asLong())
                    .as("organization of contact " + c.get("id")).isEqualTo(org);
        }
        for (Map<String, Object> d : source.rows("SELECT d.id, d.company_id, d.contact_ids[1] AS first_contact,"
                + " lower(s.email) AS owner FROM deals d JOIN sales s ON s.id = d.sales_id")) {
            JsonNode deal = dealsByMarker.get("deals:" + d.get("id")).get(0);
            assertThat(deal.path("org_id").isNull() ? null : deal.path("org_id").asLong()).as("org of deal " + d.get("id"))
                    .isEqualTo(d.get("company_id") == null ? null : orgOf.get(((Number) d.get("company_id")).longValue()));
            assertThat(deal.path("person_id").isNull() ? null : deal.path("person_id").asLong())
                    .as("person of deal " + d.get("id"))
                    .isEqualTo(d.get("first_contact") == null ? null : personOf.get(((Number) d.get("first_contact")).longValue()));
            assertThat(userEmails.get(deal.path("owner_id").asLong())).as("owner of deal " + d.get("id"))
                    .isEqualTo(d.get("owner"));
        }
        Map<String, Long> deals = ids(dealsByMarker);
        // notes: per parent, the multiset of original dates (second precision, UTC) is the source's
        Map<String, List<String>> expectedNotes = new HashMap<>();
        for (Map<String, Object> n : source.rows("SELECT 'person:' || contact_id AS parent, to_char(date AT TIME ZONE 'UTC',"
                + " 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') AS at FROM contact_notes UNION ALL SELECT 'deal:' || deal_id,"
                + " to_char(date AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') FROM deal_notes")) {
            String parent = n.get("parent").toString();
            String key = parent.startsWith("person:") ? "person:" + personOf.get(Long.parseLong(parent.substring(7)))
                    : "deal:" + deals.get("deals:" + parent.substring(5));
            expectedNotes.computeIfAbsent(key, k -> new ArrayList<>()).add(n.get("at").toString());
        }
        Map<String, List<String>> actualNotes = new HashMap<>();
        for (JsonNode note : pd.live("note")) {
            String key = note.path("deal_id").isNull() ? "person:" + note.path("person_id").asLong()
                    : "deal:" + note.path("deal_id").asLong();
            actualNotes.computeIfAbsent(key, k -> new ArrayList<>()).add(note.path("add_time").asText());
        }
        expectedNotes.values().forEach(l -> l.sort(String::compareTo));
        actualNotes.values().forEach(l -> l.sort(String::compareTo));
        assertThat(actualNotes).isEqualTo(expectedNotes);
        // activities: one per task, on the task's person
        Map<Long, Long> tasksPerPerson = new HashMap<>();
        for (Map<String, Object> t : source.rows("SELECT contact_id, count(*) AS n FROM tasks GROUP BY contact_id")) {
            tasksPerPerson.merge(personOf.get(((Number) t.get("contact_id")).longValue()), ((Number) t.get("n")).longValue(),
                    Long::sum);
        }
        assertThat(pd.live("activity").stream().collect(Collectors.groupingBy(a -> a.path("person_id").asLong(),
                Collectors.counting()))).isEqualTo(tasksPerPerson);
    }

    @Test
    @Order(5)
    void customFieldValuesOfEveryTypeArrive() throws Exception {
        Map<String, String> entities = Map.of("contacts", "person", "companies", "organization", "deals", "deal");
        Set<String> typesChecked = new HashSet<>();
        for (JsonNode column : result.status().path("lifecycle").path("migration.discovered").path("customColumns")) {
            String table = column.path("table").asText();
            String name = column.path("column").asText();
            String udt = column.path("udtName").asText();
            JsonNode line = mapLine(table + "." + name);
            assertThat(line).as("a map line for custom column " + table + "." + name).isNotNull();
            if (!"CUSTOM".equals(line.path("target").path("kind").asText())) {
                continue; // the approved map sends it to a standard field; the verification report covers those
            }
            String entity = entities.get(table);
            JsonNode field = pd.field(entity, line.path("target").path("custom").path("name").asText())
                    .orElseThrow(() -> new AssertionError("no Pipedrive field for " + table + "." + name));
            Map<String, List<JsonNode>> records = pd.byMarker(entity);
            int compared = 0;
            for (Map<String, Object> row : source.rows("SELECT id, " + sourceText(name, udt) + " AS v FROM " + table)) {
                List<JsonNode> own = records.get(table + ":" + row.get("id"));
                if (own == null) {
                    continue; // merged into the record of a duplicate (same name / e-mail): that row's values stand
                }
                JsonNode actual = pd.customValue(entity, own.get(0), field);
                Object expected = row.get("v");
                String what = table + "." + name + " (" + udt + ") of row " + row.get("id");
                if (expected == null || expected.toString().isEmpty() || expected.toString().equals("[]")) {
                    assertThat(actual == null || actual.isNull() || actual.asText().isEmpty()
                            || actual.isArray() && actual.isEmpty()).as(what + " is empty").isTrue();
                    continue;
                }
                assertThat(actual).as(what).isNotNull();
                assertSameValue(udt, expected.toString(), actual, what);
                compared++;
            }
            assertThat(compared).as("values compared for " + table + "." + name).isPositive();
            typesChecked.add(column.path("dataType").asText() + "/" + udt);
        }
        // the fixture's custom columns cover text, integers, numeric, boolean, dates, timestamps, uuid, jsonb, arrays, enums
        assertThat(typesChecked.stream().map(t -> t.substring(t.indexOf('/') + 1)).collect(Collectors.toSet()))
                .contains("varchar", "text", "int4", "int8", "bool", "date", "timestamptz", "uuid", "jsonb", "_text");
    }

    @Test
    @Order(6)
    void aSecondProductionRunCreatesNothingAndSendsNoWrites() throws Exception {
        Map<String, Integer> before = new TreeMap<>();
        for (String type : List.of("organization", "person", "lead", "deal", "note", "activity", "pipeline", "stage",
                "activityType", "leadLabel")) {
            before.put(type, pd.all(type).size());
        }
        RequestCounters counters = env.sandbox.sandbox().admin().requestCounters(DOMAIN);
        int logBefore = counters.log().size();

        String runId = env.api.startRun(result.migrationId(), "PRODUCTION").path("runId").asText();
        MigrationDriver.Result again = env.driver().awaitRun(result.migrationId(), runId);

        AccountContents after = AccountContents.of(env.sandbox.sandbox(), DOMAIN);
        Map<String, Integer> counts = new TreeMap<>();
        before.keySet().forEach(type -> counts.put(type, after.all(type).size()));
        assertThat(counts).as("stored records, deleted ones included").isEqualTo(before);
        List<String> writes = env.sandbox.sandbox().admin().requestCounters(DOMAIN).log().stream().skip(logBefore)
                .filter(r -> !r.method().equals("GET")).map(r -> r.method() + " " + r.path()).toList();
        assertThat(writes).as("write calls during the second run").isEmpty();
        for (JsonNode phase : run(again.status(), runId).path("phases")) {
            JsonNode c = phase.path("report").path("counts");
            assertThat(c.path("created").asLong() + c.path("updated").asLong() + c.path("merged").asLong()
                    + c.path("failed").asLong()).as(phase.path("phase").asText()).isZero();
            assertThat(phase.path("report").path("invariantHolds").asBoolean()).isTrue();
        }
    }

    private static void assertSameValue(String udt, String expected, JsonNode actual, String what) throws Exception {
        JsonNode value = actual.isObject() && actual.has("value") ? actual.get("value") : actual; // monetary
        switch (udt) {
            case "int2", "int4", "int8", "numeric", "float4", "float8" ->
                    assertThat(new BigDecimal(value.asText()).compareTo(new BigDecimal(expected))).as(what + ": "
                            + value + " vs " + expected).isZero();
            case "bool" -> assertThat(Set.of("yes", "true").contains(value.asText().toLowerCase(Locale.ROOT)))
                    .as(what + ": " + value).isEqualTo(Boolean.parseBoolean(expected) || expected.equals("t"));
            case "jsonb", "json" -> assertThat(JSON.readTree(value.asText())).as(what).isEqualTo(JSON.readTree(expected));
            case "_text", "_varchar" -> {
                Set<String> elements = new HashSet<>();
                JSON.readTree(expected).forEach(e -> elements.add(e.asText()));
                if (value.isArray()) {
                    Set<String> labels = new HashSet<>();
                    value.forEach(v -> labels.add(v.asText()));
                    assertThat(labels).as(what).isEqualTo(elements);
                } else {
                    assertThat(elements).as(what + ": every element in " + value).allMatch(e -> value.asText().contains(e));
                }
            }
            default -> {
                String text = value.asText();
                // a long text may arrive cut at Pipedrive's 255-character varchar limit (the map says so)
                assertThat(expected.startsWith(text) && (text.equals(expected) || text.length() >= 200))
                        .as(what + ": '" + text + "' vs '" + expected + "'").isTrue();
            }
        }
    }

    /** How a source value is read for comparison: timestamps as their UTC date, arrays as JSON. */
    private static String sourceText(String column, String udt) {
        String q = "\"" + column + "\"";
        return switch (udt) {
            case "timestamptz", "timestamp" -> "to_char(" + q + " AT TIME ZONE 'UTC', 'YYYY-MM-DD')";
            case "_text", "_varchar" -> "array_to_json(" + q + ")::text";
            default -> q + "::text";
        };
    }

    /** The loader's dedup keys (ExistingRecords): names with whitespace collapsed, e-mails, both lowercased. */
    private static final String NAME_KEY = "lower(regexp_replace(btrim(name), '\\s+', ' ', 'g'))";
    private static final String EMAIL_KEY = "coalesce(lower(btrim(email_jsonb->0->>'email')), 'contact ' || id)";

    /** Company id → the Pipedrive organization holding it: its own, or the one of the first company with its name. */
    private Map<Long, Long> organizationOf() {
        return recordOf("companies", NAME_KEY, pd.byMarker("organization"));
    }

    /** Contact id → the Pipedrive person holding it: its own, or the one of the first contact with its e-mail. */
    private Map<Long, Long> personOf() {
        return recordOf("contacts", EMAIL_KEY, pd.byMarker("person"));
    }

    private Map<Long, Long> recordOf(String table, String key, Map<String, List<JsonNode>> byMarker) {
        Map<String, List<Long>> groups = new HashMap<>();
        for (Map<String, Object> r : source.rows("SELECT id, " + key + " AS k FROM " + table)) {
            groups.computeIfAbsent(String.valueOf(r.get("k")), k -> new ArrayList<>()).add(((Number) r.get("id")).longValue());
        }
        Map<Long, Long> out = new HashMap<>();
        groups.forEach((k, ids) -> {
            List<Long> records = ids.stream().filter(id -> byMarker.containsKey(table + ":" + id))
                    .map(id -> byMarker.get(table + ":" + id).get(0).path("id").asLong()).toList();
            assertThat(records).as(table + " " + ids + " (dedup key '" + k + "') are one Pipedrive record").hasSize(1);
            ids.forEach(id -> out.put(id, records.get(0)));
        });
        return out;
    }

    private JsonNode mapLine(String id) {
        for (JsonNode object : map.path("objects")) {
            for (JsonNode line : object.path("fields")) {
                if (id.equals(line.path("id").asText())) {
                    return line;
                }
            }
        }
        return null;
    }

    private static Map<String, Long> ids(Map<String, List<JsonNode>> byMarker) {
        Map<String, Long> out = new HashMap<>();
        byMarker.forEach((marker, rows) -> out.put(marker, rows.get(0).path("id").asLong()));
        return out;
    }

    static JsonNode run(JsonNode status, String runId) {
        for (JsonNode run : status.path("runs")) {
            if (runId.equals(run.path("runId").asText())) {
                return run;
            }
        }
        throw new AssertionError("no run " + runId + " in " + status);
    }
}

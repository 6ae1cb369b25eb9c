package io.atomicmigrate.mapper.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atomicmigrate.common.events.Phase;
import io.atomicmigrate.common.events.payload.RecordMapped;
import io.atomicmigrate.common.events.payload.RecordRejected;
import io.atomicmigrate.common.map.FieldLine;
import io.atomicmigrate.common.map.MigrationMap;
import io.atomicmigrate.common.map.ObjectMapping;
import io.atomicmigrate.common.map.Transform;
import io.atomicmigrate.common.map.UnknownValuePolicy;
import io.atomicmigrate.fixture.DirtyQuirk;
import io.atomicmigrate.mapper.FixtureDatabase;
import io.atomicmigrate.mapper.service.proposal.MapProposer;
import io.atomicmigrate.mapper.service.transform.KnownSourceIds;
import io.atomicmigrate.mapper.service.transform.MapLookups;
import io.atomicmigrate.mapper.service.transform.RecordTransformer;
import io.atomicmigrate.mapper.service.transform.TransformOutcome;
import io.atomicmigrate.mapper.service.transform.TransformRun;
import io.atomicmigrate.mapper.service.values.UtcTimestamps;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every transform of the proposed standard map, run on real rows of a generated Atomic CRM
 * database with every dirty-data quirk switched on.
 */
class TransformFixtureRowsTest {

    static FixtureDatabase db;
    static MigrationMap map;
    static KnownSourceIds known;
    final RecordTransformer transformer = new RecordTransformer();

    @BeforeAll
    static void load() {
        db = FixtureDatabase.get();
        map = new MapProposer().propose("m-transform", db.discovered(), db.profiles());
        Map<String, Set<String>> ids = new HashMap<>();
        for (String table : List.of("sales", "tags", "companies", "contacts", "deals")) {
            ids.put(table, db.rows(table).stream().map(r -> r.get("id").asText()).collect(Collectors.toSet()));
        }
        known = (table, id) -> ids.containsKey(table) ? ids.get(table).contains(id) : null;
    }

    TransformOutcome run(String table, JsonNode row) {
        return run(table, row, map, null);
    }

    TransformOutcome run(String table, JsonNode row, MigrationMap withMap, Phase phase) {
        return transformer.transform(FixtureDatabase.extracted(table, row), phase,
                new TransformRun(3, new MapLookups(withMap), known));
    }

    RecordMapped mapped(String table, long id) {
        TransformOutcome outcome = run(table, db.row(table, id));
        assertThat(outcome.rejected()).as(table + " " + id + " rejected: " + outcome.rejected()).isNull();
        return outcome.mapped().get(0);
    }

    @Test
    void everyRowOfEveryTableIsMappedOrRejectedWithReasonsNeverDropped() {
        for (String table : List.of("sales", "tags", "companies", "contacts", "contact_notes", "deals", "deal_notes", "tasks")) {
            int mapped = 0;
            int rejected = 0;
            for (JsonNode row : db.rows(table)) {
                TransformOutcome outcome = run(table, row);
                if (outcome.isRejected()) {
                    rejected++;
                    assertThat(outcome.rejected().reasons()).isNotEmpty();
                    assertThat(outcome.rejected().originalRow()).isEqualTo(row);
                    assertThat(outcome.rejected().mapVersion()).isEqualTo(3);
                } else {
                    assertThat(outcome.mapped()).hasSize(1);
                    RecordMapped m = outcome.mapped().get(0);
                    assertThat(m.marker()).isEqualTo(table + ":" + row.get("id").asText());
                    assertThat(m.mapVersion()).isEqualTo(3);
                    mapped++;
                }
            }
            assertThat(mapped + rejected).as(table).isEqualTo(db.rows(table).size());
            assertThat(mapped).as(table + " mostly maps").isGreaterThan(rejected);
        }
    }

    @Test
    void aContactBecomesAPersonWithEmailsPhonesOrganizationOwnerLabelsAndUtcCreationTime() {
        JsonNode row = db.rows("contacts").stream()
                .filter(r -> r.get("tags").size() > 0 && !r.get("company_id").isNull() && !r.get("first_name").isNull())
                .findFirst().orElseThrow();
        RecordMapped person = mapped("contacts", row.get("id").asLong());
        assertThat(person.object()).isEqualTo("person");
        assertThat(person.payload().get("name").asText())
                .isEqualTo(row.get("first_name").asText() + " " + row.get("last_name").asText());
        String email = row.get("email_jsonb").get(0).get("email").asText().toLowerCase();
        assertThat(person.payload().at("/emails/0/value").asText()).isEqualTo(email);
        assertThat(person.payload().at("/emails/0/primary").asBoolean()).isTrue();
        assertThat(person.dedupKey()).isEqualTo(email);
        assertThat(person.payload().get("phones")).hasSize(2);
        assertThat(person.payload().get("org_id").asText()).isEqualTo("organization of companies " + row.get("company_id").asText());
        assertThat(person.payload().get("owner_id").asText()).isEqualTo("owner of sales " + row.get("sales_id").asText());
        assertThat(person.payload().at("/label_ids/0").asText()).startsWith("label of tags ");
        assertThat(person.references()).extracting(RecordMapped.Reference::table).contains("companies", "sales", "tags");
        // first_seen was read in Europe/Paris (+01/+02); Pipedrive gets the same instant in UTC
        String firstSeen = row.get("first_seen").asText();
        assertThat(firstSeen).containsAnyOf("+01:00", "+02:00");
        assertThat(person.payload().get("add_time").asText()).endsWith("Z")
                .isEqualTo(UtcTimestamps.rfc3339(UtcTimestamps.parse(firstSeen)));
        assertThat(person.payload().at("/custom_fields/Gender").asText()).isIn("He/Him", "She/Her", "They/Them");
        assertThat(person.payload().at("/custom_fields/Newsletter").asText()).isIn("Yes", "No");
    }

    @Test
    void invalidEmailsAreDroppedWithAWarningOrRejectWhenTheMapSaysSo() {
        for (long id : db.idsWith(DirtyQuirk.INVALID_EMAILS, "contacts")) {
            RecordMapped person = mapped("contacts", id);
            assertThat(person.payload().has("emails")).isFalse();
            assertThat(person.warnings()).anyMatch(w -> w.startsWith("INVALID_EMAIL email_jsonb"));
            assertThat(person.dedupKey()).isEqualTo("contacts:" + id);
        }
        MigrationMap strict = withLine(map, "contacts", "contacts.email_jsonb",
                l -> new FieldLine(l.id(), l.sources(), l.target(), Transform.of(l.transform().kind(),
                        Map.of("onInvalid", "reject")), l.required(), l.confidence(), l.reason(), "user"));
        long id = db.idsWith(DirtyQuirk.INVALID_EMAILS, "contacts").get(0);
        RecordRejected rejected = run("contacts", db.row("contacts", id), strict, null).rejected();
        assertThat(rejected.reasons()).extracting(RecordRejected.Reason::code).containsExactly("INVALID_EMAIL");
        assertThat(rejected.reasons().get(0).field()).isEqualTo("email_jsonb");
    }

    @Test
    void namelessContactsAreRejectedWithTheOriginalRow() {
        for (long id : db.idsWith(DirtyQuirk.NAMELESS_CONTACTS, "contacts")) {
            RecordRejected rejected = run("contacts", db.row("contacts", id)).rejected();
            assertThat(rejected).isNotNull();
            assertThat(rejected.reasons()).extracting(RecordRejected.Reason::code).contains("NO_NAME");
            assertThat(rejected.originalRow().get("id").asLong()).isEqualTo(id);
        }
    }

    @Test
    void overlongValuesAreTruncatedWithAWarningOrRejectedAsTheMapSays() {
        long contactId = db.idsWith(DirtyQuirk.OVERLONG_STRINGS, "contacts").get(0);
        RecordMapped person = mapped("contacts", contactId);
        assertThat(person.payload().at("/custom_fields/Job title").asText()).hasSize(255);
        assertThat(person.payload().at("/custom_fields/Background").asText().codePointCount(0,
                person.payload().at("/custom_fields/Background").asText().length())).isEqualTo(65_536);
        assertThat(person.warnings()).anyMatch(w -> w.startsWith("TRUNCATED title"))
                .anyMatch(w -> w.startsWith("TRUNCATED background"));

        long companyId = db.idsWith(DirtyQuirk.OVERLONG_STRINGS, "companies").get(0);
        RecordMapped org = mapped("companies", companyId);
        assertThat(org.payload().get("name").asText()).hasSize(255);
        assertThat(org.warnings()).anyMatch(w -> w.contains("TRUNCATED name: cut from"));

        MigrationMap strict = withLine(map, "companies", "companies.name",
                l -> new FieldLine(l.id(), l.sources(), l.target(), Transform.of(l.transform().kind(),
                        Map.of("maxLength", "255", "onOverflow", "reject")), l.required(), l.confidence(), l.reason(), "user"));
        RecordRejected rejected = run("companies", db.row("companies", companyId), strict, null).rejected();
        assertThat(rejected.reasons()).singleElement().satisfies(r -> {
            assertThat(r.code()).isEqualTo("VALUE_TOO_LONG");
            assertThat(r.field()).isEqualTo("name");
            assertThat(r.message()).contains("holds 255");
        });
    }

    @Test
    void errorAvatarsAreNotUrlsAndDanglingTagsAreDroppedWithWarnings() {
        for (long id : db.idsWith(DirtyQuirk.ERROR_AVATARS, "contacts")) {
            TransformOutcome outcome = run("contacts", db.row("contacts", id));
            if (outcome.isRejected()) {
                continue; // also nameless: rejected for that
            }
            RecordMapped person = outcome.mapped().get(0);
            assertThat(person.payload().path("custom_fields").has("Avatar URL")).isFalse();
            assertThat(person.warnings()).anyMatch(w -> w.startsWith("ERROR_AVATAR avatar"));
        }
        for (long id : db.idsWith(DirtyQuirk.DANGLING_TAG_IDS, "contacts")) {
            JsonNode row = db.row("contacts", id);
            RecordMapped person = mapped("contacts", id);
            Set<String> existing = db.rows("tags").stream().map(t -> t.get("id").asText()).collect(Collectors.toSet());
            Set<String> tagIds = new HashSet<>();
            row.get("tags").forEach(t -> tagIds.add(t.asText()));
            tagIds.retainAll(existing);
            assertThat(person.warnings()).anyMatch(w -> w.startsWith("DANGLING_TAG tags"));
            assertThat(person.payload().path("label_ids").size()).isEqualTo(tagIds.size());
            person.references().stream().filter(r -> r.table().equals("tags"))
                    .forEach(r -> assertThat(existing).contains(r.sourceId()));
        }
    }

    @Test
    void aCompanyBecomesAnOrganizationWithComposedAddressOptionsAndLegacyLabelSectors() {
        JsonNode row = db.rows("companies").get(0);
        RecordMapped org = mapped("companies", row.get("id").asLong());
        assertThat(org.payload().at("/address/value").asText()).contains(row.get("city").asText())
                .contains(row.get("zipcode").asText()).startsWith(row.get("address").asText());
        assertThat(org.payload().at("/address/locality").asText()).isEqualTo(row.get("city").asText());
        assertThat(org.payload().get("employee_count").isIntegralNumber()).isTrue();
        assertThat(org.dedupKey()).isEqualTo("org:" + row.get("name").asText().strip().toLowerCase());
        for (long id : db.idsWith(DirtyQuirk.LEGACY_LABELS, "companies")) {
            JsonNode legacy = db.row("companies", id);
            RecordMapped mappedLegacy = mapped("companies", id);
            // legacy rows hold the label ("Information Technology"), current ones the slug: both land on the label
            assertThat(mappedLegacy.payload().at("/custom_fields/Sector").asText()).isEqualToIgnoringCase(legacy.get("sector").asText());
            assertThat(mappedLegacy.warnings()).noneMatch(w -> w.startsWith("UNKNOWN_OPTION"));
        }
    }

    @Test
    void dealsGetPipelineStageStatusValueAndParticipantsAndLoseDanglingContacts() {
        for (long id : db.idsWith(DirtyQuirk.DANGLING_CONTACT_IDS, "deals")) {
            TransformOutcome outcome = run("deals", db.row("deals", id));
            List<String> warnings = outcome.isRejected() ? List.of() : outcome.mapped().get(0).warnings();
            assertThat(warnings).anyMatch(w -> w.startsWith("DANGLING_CONTACT contact_ids"));
            outcome.mapped().get(0).references().stream().filter(r -> r.table().equals("contacts"))
                    .forEach(r -> assertThat(Long.parseLong(r.sourceId())).isLessThan(100_000));
        }
        JsonNode won = db.rows("deals").stream().filter(r -> r.get("stage").asText().equals("won")).findFirst().orElseThrow();
        RecordMapped deal = mapped("deals", won.get("id").asLong());
        assertThat(deal.payload().get("status").asText()).isEqualTo("won");
        assertThat(deal.payload().get("value").asLong()).isEqualTo(won.get("amount").asLong());
        assertThat(deal.payload().get("currency").asText()).isEqualTo("USD");
        assertThat(deal.payload().get("stage_id").asText()).startsWith("stage Won of pipeline ");
        assertThat(deal.payload().get("expected_close_date").asText()).matches("\\d{4}-\\d{2}-\\d{2}");
        assertThat(deal.payload().at("/custom_fields/Created in Atomic CRM").asText()).matches("\\d{4}-\\d{2}-\\d{2}");
        assertThat(deal.payload().has("add_time")).isFalse();
        JsonNode multi = db.rows("deals").stream().filter(r -> r.get("contact_ids").size() >= 2).findFirst().orElseThrow();
        RecordMapped withParticipants = mapped("deals", multi.get("id").asLong());
        assertThat(withParticipants.references()).anyMatch(r -> r.field().equals("participants[0]"));
        assertThat(withParticipants.payload().has("participants")).isFalse(); // not a v2 deal field: the loader adds them
    }

    @Test
    void unknownStagesAndCategoriesGoToTheFirstStageAndDefaultPipelineOrAreRejected() {
        List<Long> unknown = db.idsWith(DirtyQuirk.UNKNOWN_CONFIG_VALUES, "deals");
        boolean sawStage = false;
        for (long id : unknown) {
            JsonNode row = db.row("deals", id);
            RecordMapped deal = mapped("deals", id);
            if (deal.warnings().stream().anyMatch(w -> w.startsWith("UNKNOWN_STAGE"))) {
                sawStage = true;
                assertThat(deal.payload().get("stage_id").asText()).startsWith("stage Opportunity of pipeline");
            }
            if (deal.warnings().stream().anyMatch(w -> w.startsWith("UNKNOWN_CATEGORY"))) {
                assertThat(deal.payload().get("pipeline_id").asText()).isEqualTo("pipeline Deals");
            }
            assertThat(row).isNotNull();
        }
        assertThat(sawStage).isTrue();
        MigrationMap strict = new MigrationMap(map.migrationId(), map.version(), map.sourceGeneration(), map.currency(),
                map.objects(), map.owners(), map.pipelines(), map.stages(), map.activityTypes(), map.labels(),
                map.noteStatuses(), map.dedup(), new UnknownValuePolicy("reject", "reject", "reject", "reject"),
                map.personLeadRule());
        long rejectedCount = unknown.stream().map(id -> run("deals", db.row("deals", id), strict, null))
                .filter(TransformOutcome::isRejected)
                .peek(o -> assertThat(o.rejected().reasons()).extracting(RecordRejected.Reason::code)
                        .containsAnyOf("UNKNOWN_STAGE", "UNKNOWN_CATEGORY"))
                .count();
        assertThat(rejectedCount).isGreaterThan(0);
    }

    @Test
    void notesBecomeHtmlWithTheirOriginalDateInUtcAndTheirStatus() {
        JsonNode row = db.rows("contact_notes").stream().filter(r -> r.get("text").asText().contains("\n\n"))
                .findFirst().orElseThrow();
        RecordMapped note = mapped("contact_notes", row.get("id").asLong());
        String html = note.payload().get("content").asText();
        assertThat(html).startsWith("<p><b>Status: ").contains("</p>\n<p>");
        assertThat(note.payload().get("person_id").asText()).isEqualTo("person of contacts " + row.get("contact_id").asText());
        assertThat(note.payload().get("add_time").asText()).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}")
                .isEqualTo(UtcTimestamps.v1(UtcTimestamps.parse(row.get("date").asText())));
        JsonNode dealNote = db.rows("deal_notes").get(0);
        RecordMapped dn = mapped("deal_notes", dealNote.get("id").asLong());
        assertThat(dn.payload().get("deal_id").asText()).isEqualTo("deal of deals " + dealNote.get("deal_id").asText());
        assertThat(dn.payload().get("content").asText()).doesNotContain("Status:");
        long overlong = db.idsWith(DirtyQuirk.OVERLONG_STRINGS, "contact_notes").get(0);
        assertThat(mapped("contact_notes", overlong).payload().get("content").asText().length()).isBetween(65_536, 100_000);
    }

    @Test
    void markdownIsRenderedAndRawHtmlIsEscaped() {
        ObjectNode row = (ObjectNode) db.rows("deal_notes").get(0).deepCopy();
        row.put("text", "# Call\n\n**Budget** ok, see [site](https://acme.example) and *soon*.\n\n- one\n- two\n\n<script>alert(1)</script>");
        RecordMapped note = run("deal_notes", row).mapped().get(0);
        assertThat(note.payload().get("content").asText())
                .contains("<h1>Call</h1>", "<strong>Budget</strong>", "href=\"https://acme.example\">site</a>",
                        "<em>soon</em>", "<li>one</li>", "&lt;script&gt;").doesNotContain("<script>");
    }

    @Test
    void tasksBecomeActivitiesWithTypeUtcDueDateTimeAndTheirPerson() {
        JsonNode row = db.rows("tasks").stream().filter(r -> !r.get("due_date").isNull()).findFirst().orElseThrow();
        RecordMapped activity = mapped("tasks", row.get("id").asLong());
        var due = UtcTimestamps.parse(row.get("due_date").asText());
        assertThat(activity.payload().get("due_date").asText()).isEqualTo(UtcTimestamps.utcDate(due));
        assertThat(activity.payload().get("due_time").asText()).isEqualTo(UtcTimestamps.utcTime(due));
        assertThat(activity.payload().get("done").asBoolean()).isEqualTo(!row.get("done_date").isNull());
        assertThat(activity.payload().at("/participants/0/person_id").asText())
                .isEqualTo("person of contacts " + row.get("contact_id").asText());
        assertThat(activity.payload().get("type").asText()).matches("[a-z_]+");
        for (long id : db.idsWith(DirtyQuirk.LEGACY_LABELS, "tasks")) {
            RecordMapped legacy = mapped("tasks", id);
            assertThat(legacy.warnings()).noneMatch(w -> w.startsWith("UNKNOWN_TASK_TYPE"));
        }
    }

    @Test
    void tagsBecomeLabelsWithTheNearestPipedriveColourAndSalesBecomeUsersToMatch() {
        for (JsonNode tag : db.rows("tags")) {
            RecordMapped label = mapped("tags", tag.get("id").asLong());
            assertThat(label.object()).isEqualTo("label");
            assertThat(label.payload().get("color").asText()).isIn("blue", "brown", "dark-gray", "gray", "green",
                    "orange", "pink", "purple", "red", "yellow");
        }
        JsonNode sales = db.rows("sales").get(0);
        RecordMapped user = mapped("sales", sales.get("id").asLong());
        assertThat(user.object()).isEqualTo("user");
        assertThat(user.dedupKey()).isEqualTo(sales.get("email").asText());
    }

    @Test
    void theLeadsPhaseMakesALeadOfAContactWithoutCompanyOrDeal() {
        ObjectNode row = (ObjectNode) db.rows("contacts").stream().filter(r -> !r.get("first_name").isNull())
                .findFirst().orElseThrow().deepCopy();
        row.putNull("company_id");
        TransformOutcome lead = run("contacts", row, map, Phase.LEADS);
        assertThat(lead.mapped()).singleElement().satisfies(m -> {
            assertThat(m.object()).isEqualTo("lead");
            assertThat(m.payload().get("person_id").asText()).isEqualTo("person of contacts " + row.get("id").asText());
            assertThat(m.marker()).endsWith(":lead");
            assertThat(m.warnings()).anyMatch(w -> w.startsWith("DEAL_LINKS_UNKNOWN"));
        });
        row.putArray("deal_ids").add(7);
        TransformOutcome notALead = run("contacts", row, map, Phase.LEADS);
        assertThat(notALead.isRejected()).isFalse();
        assertThat(notALead.mapped()).singleElement().satisfies(skip -> {
            assertThat(skip.action()).isEqualTo(RecordMapped.Action.SKIP);
            assertThat(skip.object()).isEqualTo("lead");
            assertThat(skip.payload().isObject() && skip.payload().isEmpty()).isTrue();
            assertThat(skip.marker()).isEqualTo("contacts:" + row.get("id").asText() + ":lead");
            assertThat(skip.dedupKey()).isEqualTo(skip.marker());
            assertThat(skip.warnings().get(0)).isEqualTo("contact " + row.get("id").asText()
                    + " is a Person under the lead rule (linked to deal 7), not a Lead");
        });
        row.put("company_id", 12);
        assertThat(run("contacts", row, map, Phase.LEADS).mapped().get(0).warnings().get(0))
                .contains("(linked to company 12 and deal 7)");
        assertThat(run("contacts", row, map, Phase.PERSONS).mapped()).singleElement()
                .extracting(RecordMapped::object).isEqualTo("person");
    }

    @Test
    void customColumnsAreTransformedByTheirProposedLines() {
        JsonNode row = db.rows("contacts").stream().filter(r -> !r.get("first_name").isNull()
                && !r.get("lead_score").isNull() && !r.get("is_vip").isNull() && !r.get("lead_source").isNull())
                .findFirst().orElseThrow();
        RecordMapped person = mapped("contacts", row.get("id").asLong());
        JsonNode custom = person.payload().get("custom_fields");
        assertThat(custom.get("Lead score").asInt()).isEqualTo(row.get("lead_score").asInt());
        assertThat(custom.get("Is vip").asText()).isEqualTo(row.get("is_vip").asBoolean() ? "Yes" : "No");
        assertThat(custom.get("Lead source").asText()).isEqualTo(row.get("lead_source").asText());
        assertThat(custom.get("Birthday").asText()).isEqualTo(row.get("birthday").asText());
    }

    @Test
    void aRowOfATableTheMapDoesNotMigrateIsRejectedNotLost() {
        ObjectNode row = db.rows("tags").get(0).deepCopy();
        var outcome = transformer.transform(new io.atomicmigrate.common.events.payload.RecordExtracted("favicons_excluded_domains",
                "1", row, "0".repeat(64)), null, new TransformRun(3, new MapLookups(map), known));
        assertThat(outcome.rejected().reasons()).extracting(RecordRejected.Reason::code).containsExactly("TABLE_NOT_MAPPED");
    }

    @Test
    void inTheFilesPhaseNoteAttachmentsBecomeFilesOnThePersonOrDeal() throws Exception {
        ObjectNode row = (ObjectNode) db.rows("contact_notes").get(0).deepCopy();
        row.set("attachments", io.atomicmigrate.common.json.Json.mapper().readTree("""
                [{"src": "http://127.0.0.1:54321/storage/v1/object/public/attachments/0.51.pdf", "title": "Quote March.pdf",
                  "path": "0.51.pdf", "type": "application/pdf", "rawFile": {}},
                 {"src": "https://files.example.com/brief.docx", "title": "brief.docx", "rawFile": {"name": "brief.docx"}},
                 {"title": "ghost.txt"}]"""));
        TransformOutcome outcome = run("contact_notes", row, map, Phase.FILES);
        assertThat(outcome.mapped()).hasSize(2);
        assertThat(outcome.isRejected()).as("one verdict per row: the lost attachment is a warning").isFalse();
        RecordMapped bucket = outcome.mapped().get(0);
        assertThat(bucket.object()).isEqualTo("file");
        assertThat(bucket.payload().get("file_name").asText()).isEqualTo("Quote March.pdf");
        assertThat(bucket.payload().get("person_id").asText()).isEqualTo("person of contacts " + row.get("contact_id").asText());
        assertThat(bucket.payload().at("/source/path").asText()).isEqualTo("0.51.pdf");
        assertThat(bucket.payload().at("/source/mime_type").asText()).isEqualTo("application/pdf");
        assertThat(bucket.marker()).isEqualTo("contact_notes:" + row.get("id").asText() + ":file:1");
        RecordMapped external = outcome.mapped().get(1);
        assertThat(external.payload().at("/source/url").asText()).isEqualTo("https://files.example.com/brief.docx");
        assertThat(external.warnings()).anyMatch(w -> w.startsWith("EXTERNAL_FILE"));
        assertThat(outcome.mapped()).allSatisfy(f -> assertThat(f.warnings())
                .anyMatch(w -> w.startsWith("NO_FILE_LOCATION attachments:") && w.contains("ghost.txt")));
        ObjectNode ghostsOnly = row.deepCopy();
        ghostsOnly.set("attachments", io.atomicmigrate.common.json.Json.mapper().readTree("[{\"title\": \"ghost.txt\"}]"));
        assertThat(run("contact_notes", ghostsOnly, map, Phase.FILES).rejected().reasons())
                .extracting(RecordRejected.Reason::code).containsExactly("NO_FILE_LOCATION");
        ObjectNode none = row.deepCopy();
        none.putArray("attachments").addNull();
        assertThat(run("contact_notes", none, map, Phase.FILES).mapped()).singleElement().satisfies(skip -> {
            assertThat(skip.action()).isEqualTo(RecordMapped.Action.SKIP);
            assertThat(skip.object()).isEqualTo("file");
            assertThat(skip.warnings().get(0)).contains("only empty attachment slots");
        });
        none.putArray("attachments");
        assertThat(run("contact_notes", none, map, Phase.FILES).mapped().get(0).action()).isEqualTo(RecordMapped.Action.SKIP);
        ObjectNode dealNote = (ObjectNode) db.rows("deal_notes").get(0).deepCopy();
        dealNote.set("attachments", io.atomicmigrate.common.json.Json.mapper().readTree(
                "[{\"src\": \"http://127.0.0.1:54321/storage/v1/object/public/attachments/0.9.png\", \"title\": \"logo.png\"}]"));
        RecordMapped onDeal = run("deal_notes", dealNote, map, Phase.FILES).mapped().get(0);
        assertThat(onDeal.payload().get("deal_id").asText()).isEqualTo("deal of deals " + dealNote.get("deal_id").asText());
        assertThat(onDeal.payload().at("/source/path").asText()).isEqualTo("0.9.png"); // derived from src
    }

    @Test
    void legacyLabelCategoriesFindTheirPipelineAndEmojiOrRightToLeftTextSurvives() {
        int legacyChecked = 0;
        int rtlChecked = 0;
        for (long id : db.idsWith(DirtyQuirk.LEGACY_LABELS, "deals")) {
            JsonNode row = db.row("deals", id);
            RecordMapped deal = mapped("deals", id);
            if (deal.warnings().stream().anyMatch(w -> w.startsWith("UNKNOWN_CATEGORY"))) {
                continue; // also hit by UNKNOWN_CONFIG_VALUES
            }
            // the row holds the label ("Print project"); the pipeline is the one of that category
            assertThat(deal.payload().get("pipeline_id").asText()).isEqualTo("pipeline " + row.get("category").asText());
            assertThat(row.get("category").asText()).matches(".*[A-Z ].*"); // really a label, not a slug
            legacyChecked++;
        }
        for (long id : db.idsWith(DirtyQuirk.EMOJI_AND_RTL, "contacts")) {
            JsonNode row = db.row("contacts", id);
            TransformOutcome outcome = run("contacts", row);
            if (outcome.isRejected()) {
                continue;
            }
            String name = outcome.mapped().get(0).payload().get("name").asText();
            assertThat(name).contains(row.get("last_name").asText());
            assertThat(name.codePoints().anyMatch(c -> Character.UnicodeBlock.of(c) == Character.UnicodeBlock.ARABIC
                    || Character.UnicodeBlock.of(c) == Character.UnicodeBlock.HEBREW)).isTrue();
            rtlChecked++;
        }
        assertThat(legacyChecked).isPositive();
        assertThat(rtlChecked).isPositive();
    }

    @Test
    void aDeletionBecomesADeleteOfWhatTheRowProducedInThatPhase() {
        record Case(String table, Phase phase, String object, String marker) {
        }
        List<Case> cases = List.of(new Case("contacts", Phase.PERSONS, "person", "contacts:77"),
                new Case("contacts", Phase.LEADS, "lead", "contacts:77:lead"),
                new Case("companies", Phase.ORGANIZATIONS, "organization", "companies:77"),
                new Case("deals", Phase.DEALS, "deal", "deals:77"),
                new Case("contact_notes", Phase.NOTES, "note", "contact_notes:77"),
                new Case("deal_notes", Phase.NOTES, "note", "deal_notes:77"),
                new Case("deal_notes", Phase.FILES, "file", "deal_notes:77:file"),
                new Case("tasks", Phase.ACTIVITIES, "activity", "tasks:77"));
        for (Case c : cases) {
            var deleted = new io.atomicmigrate.common.events.payload.RecordExtracted(c.table(), "77", null,
                    "0".repeat(64), io.atomicmigrate.common.events.payload.RecordExtracted.Change.DELETED);
            TransformOutcome outcome = transformer.transform(deleted, c.phase(), new TransformRun(3, new MapLookups(map), known));
            assertThat(outcome.isRejected()).as(c.toString()).isFalse();
            assertThat(outcome.mapped()).as(c.toString()).singleElement().satisfies(d -> {
                assertThat(d.action()).isEqualTo(RecordMapped.Action.DELETE);
                assertThat(d.object()).isEqualTo(c.object());
                assertThat(d.marker()).isEqualTo(c.marker());
                assertThat(d.dedupKey()).isEqualTo(c.marker());
                assertThat(d.sourceTable()).isEqualTo(c.table());
                assertThat(d.sourceId()).isEqualTo("77");
                assertThat(d.mapVersion()).isEqualTo(3);
                assertThat(d.payload().isObject() && d.payload().isEmpty()).isTrue();
            });
        }
        // a deleted CRM user deletes no Pipedrive user
        var user = new io.atomicmigrate.common.events.payload.RecordExtracted("sales", "5", null, "0".repeat(64),
                io.atomicmigrate.common.events.payload.RecordExtracted.Change.DELETED);
        assertThat(transformer.transform(user, null, new TransformRun(3, new MapLookups(map), known)).mapped().get(0).action())
                .isEqualTo(RecordMapped.Action.SKIP);
    }

    @Test
    void aTableThePersonLeftOutIsSkippedWithTheReason() {
        MigrationMap withoutTasks = map.withObjects(map.objects().stream().map(o -> !o.source().equals("tasks") ? o
                : new ObjectMapping(o.source(), "none", o.rule(), o.fields())).toList());
        JsonNode task = db.rows("tasks").get(0);
        TransformOutcome outcome = run("tasks", task, withoutTasks, Phase.ACTIVITIES);
        assertThat(outcome.isRejected()).isFalse();
        assertThat(outcome.mapped()).singleElement().satisfies(skip -> {
            assertThat(skip.action()).isEqualTo(RecordMapped.Action.SKIP);
            assertThat(skip.object()).isEqualTo("activity");
            assertThat(skip.warnings().get(0)).contains("leaves table 'tasks' out");
        });
    }

    static MigrationMap withLine(MigrationMap m, String table, String lineId, java.util.function.UnaryOperator<FieldLine> edit) {
        return m.withObjects(m.objects().stream().map(o -> !o.source().equals(table) ? o
                : new ObjectMapping(o.source(), o.destination(), o.rule(), o.fields().stream()
                        .map(l -> l.id().equals(lineId) ? edit.apply(l) : l).toList())).toList());
    }
}

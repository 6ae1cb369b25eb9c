package io.atomicmigrate.mapper.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.atomicmigrate.common.events.payload.MigrationDiscovered;
import io.atomicmigrate.common.map.FieldLine;
import io.atomicmigrate.common.map.FieldType;
import io.atomicmigrate.common.map.MigrationMap;
import io.atomicmigrate.common.map.ObjectMapping;
import io.atomicmigrate.common.map.Target;
import io.atomicmigrate.common.map.TransformKind;
import io.atomicmigrate.mapper.FixtureDatabase;
import io.atomicmigrate.mapper.service.proposal.ColumnProfile;
import io.atomicmigrate.mapper.service.proposal.MapProposer;
import io.atomicmigrate.mapper.service.review.MapValidator;
import io.atomicmigrate.mapper.service.review.SourceSchema;
import io.atomicmigrate.mapper.service.review.ValidationIssue;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The proposal engine on a real database: standard knowledge, custom columns by type, profile and name. */
class ProposalTest {

    static FixtureDatabase db;
    static MigrationMap map;

    @BeforeAll
    static void propose() {
        db = FixtureDatabase.get();
        map = new MapProposer().propose("m-proposal", db.discovered(), db.profiles());
    }

    static FieldLine line(String id) {
        return map.allLines().stream().filter(l -> l.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no line " + id));
    }

    @Test
    void everyColumnOfEveryMigratedTableHasALineWithAConfidenceAndAReason() {
        Set<String> notColumns = Set.of("id", "stateAbbr", "email", "deal_ids", "user_id");
        for (ObjectMapping object : map.objects()) {
            Set<String> covered = object.fields().stream().flatMap(l -> l.sources().stream()).collect(Collectors.toSet());
            Set<String> expected = new HashSet<>(SourceSchema.STANDARD_COLUMNS.get(object.source()));
            expected.removeAll(notColumns);
            db.customColumns().stream().filter(c -> c.table().equals(object.source())).forEach(c -> expected.add(c.column()));
            assertThat(covered).as("columns of " + object.source() + " with a line").containsAll(expected);
            for (FieldLine l : object.fields()) {
                assertThat(l.confidence()).as(l.id()).isBetween(0.0, 1.0);
                assertThat(l.reason()).as(l.id()).isNotBlank();
            }
        }
        assertThat(map.object("favicons_excluded_domains").destination()).isEqualTo("none");
        assertThat(map.object("deals").line("deals.updated_at").target().kind()).isEqualTo(Target.TargetKind.LOSS);
        assertThat(map.object("deals").line("deals.created_at").target().custom().type()).isEqualTo(FieldType.DATE);
    }

    @Test
    void theProposalValidatesWithoutErrors() {
        Map<String, Set<String>> custom = db.customColumns().stream().collect(Collectors.groupingBy(
                MigrationDiscovered.CustomColumn::table, Collectors.mapping(MigrationDiscovered.CustomColumn::column, Collectors.toSet())));
        List<ValidationIssue> issues = new MapValidator().validate(map,
                new MapValidator.SourceFacts(custom, db.profiles(), db.discovered().distinctValues()));
        assertThat(issues.stream().filter(i -> i.severity() == ValidationIssue.Severity.ERROR)).isEmpty();
    }

    @Test
    void aTransformThatCannotWriteItsTargetIsAnErrorNamingWhatItCanWrite() {
        MigrationMap edited = TransformFixtureRowsTest.withLine(map, "contacts", "contacts.gender",
                l -> new FieldLine(l.id(), l.sources(), l.target(), io.atomicmigrate.common.map.Transform.of(TransformKind.EMAILS),
                        false, 0.5, "user error", "user"));
        List<ValidationIssue> issues = new MapValidator().validate(edited, MapValidator.SourceFacts.NONE);
        assertThat(issues).anySatisfy(i -> {
            assertThat(i.code()).isEqualTo("INCOMPATIBLE_TRANSFORM");
            assertThat(i.line()).isEqualTo("contacts.gender");
            assertThat(i.message()).isEqualTo("EMAILS can write standard [emails], not a custom field of type enum");
        });
    }

    @Test
    void customColumnsGetTheirTypeFromPostgresRefinedByValuesAndNames() {
        assertThat(line("contacts.lead_score").target().custom().type()).isEqualTo(FieldType.DOUBLE);
        assertThat(line("contacts.hubspot_id").target().custom().type()).isEqualTo(FieldType.VARCHAR); // an id, not a number
        assertThat(line("contacts.lifetime_value").target().custom().type()).isEqualTo(FieldType.MONETARY);
        assertThat(line("contacts.is_vip").target().custom().options()).containsExactly("Yes", "No");
        assertThat(line("contacts.birthday").target().custom().type()).isEqualTo(FieldType.DATE);
        assertThat(line("contacts.last_contacted_at").reason()).contains("time of day is lost");
        assertThat(line("contacts.lead_source").target().custom().options())
                .containsExactly("website", "referral", "trade-show", "cold-call", "partner");
        assertThat(line("contacts.nickname").target().custom().type()).isEqualTo(FieldType.VARCHAR);
        // low cardinality arrays become multiple-option fields with the observed values
        FieldLine languages = line("contacts.languages");
        assertThat(languages.target().custom().type()).isEqualTo(FieldType.SET);
        assertThat(languages.target().custom().options()).contains("English", "French");
        // structure and foreign keys are flagged for a person's decision
        assertThat(line("contacts.external_uuid").confidence()).isLessThan(0.5);
        assertThat(line("contacts.preferences").confidence()).isLessThan(0.5);
        assertThat(line("contacts.preferences").transform().kind()).isEqualTo(TransformKind.JSON_TEXT);
        // name similarity: a free standard field is used, a taken one is not
        assertThat(line("companies.annual_revenue_eur").target()).isEqualTo(Target.standard("annual_revenue"));
        assertThat(line("deals.probability_pct").target()).isEqualTo(Target.standard("probability"));
        assertThat(line("companies.employee_count").target().kind()).isEqualTo(Target.TargetKind.CUSTOM);
        assertThat(line("companies.employee_count").reason()).contains("employee_count, which another line already fills");
        // every profile-based line says how full the column is
        assertThat(line("deals.po_number").reason()).containsPattern("\\d+% filled");
    }

    @Test
    void withoutProfilesTheTypeAloneDecidesAndTheLineSaysSo() {
        MigrationMap bare = new MapProposer().propose("m-bare", db.discovered(), Map.<String, ColumnProfile>of());
        FieldLine notes = bare.allLines().stream().filter(l -> l.id().equals("contacts.personal_notes")).findFirst().orElseThrow();
        assertThat(notes.target().custom().type()).isEqualTo(FieldType.TEXT);
        assertThat(notes.reason()).contains("no value profile");
    }

    @Test
    void configValuesOutsideTheConfigurationBecomeLowConfidencePipelines() {
        MigrationDiscovered withUnknown = new MigrationDiscovered("CURRENT", Map.of(), List.of(), List.of(), Map.of(),
                List.of(new MigrationDiscovered.UnknownValue("deals", "category", "partnership", 3),
                        new MigrationDiscovered.UnknownValue("deals", "category", "Print project", 2),
                        new MigrationDiscovered.UnknownValue("companies", "sector", "Aerospace", 1)),
                List.of());
        MigrationMap m = new MapProposer().propose("m-unknown", withUnknown, Map.of());
        assertThat(m.pipelines()).anySatisfy(p -> {
            assertThat(p.category()).isEqualTo("partnership");
            assertThat(p.confidence()).isLessThan(0.5);
        });
        assertThat(m.pipelines()).noneMatch(p -> p.category().equals("Print project")); // a legacy label of a known one
        assertThat(m.object("companies").line("companies.sector").target().custom().options()).contains("Aerospace");
    }
}

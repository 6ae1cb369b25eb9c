package io.atomicmigrate.reconciler.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.atomicmigrate.common.json.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Field-by-field comparison: equal values in Pipedrive's other spellings match, real differences do not. */
class FieldComparisonTest {

    private static JsonNode json(String text) throws Exception {
        return Json.mapper().readTree(text);
    }

    @Test
    void valuesPipedriveSpellsDifferentlyStillMatch() throws Exception {
        JsonNode sent = json("""
                {"name": "Zoë", "value": 1500, "add_time": "2024-03-01T09:00:00Z",
                 "emails": [{"value": "a@x.com", "primary": true}, {"value": "b@x.com"}],
                 "custom_fields": {"Loyalty tier": "gold", "Score": 7}}""");
        JsonNode found = json("""
                {"id": 1, "name": "Zoë", "value": 1500.0, "add_time": "2024-03-01 09:00:00",
                 "emails": [{"value": "b@x.com", "label": "work"}, {"value": "a@x.com", "label": "work"}],
                 "custom_fields": {"abc": 12, "def": "7"}}""");
        FieldComparison.Result r = FieldComparison.compare("person", sent, List.of(), found,
                Map.of("person.loyalty tier", "abc", "person.Score", "def"));
        assertThat(r.mismatches()).isEmpty();
        assertThat(r.fieldsChecked()).isEqualTo(5);
        assertThat(r.notCompared()).containsExactly("custom_fields.Loyalty tier: option ids (the field definitions were not read)");
    }

    /** personFields as listed: an enum "Loyalty tier" (abc) and a set "Languages" (lng). */
    private static final Map<String, Map<String, String>> OPTIONS = Map.of(
            "abc", Map.of("11", "Gold", "12", "Silver"),
            "lng", Map.of("31", "French", "32", "Arabic", "33", "English"));
    private static final Map<String, String> KEYS = Map.of("person.Loyalty tier", "abc", "person.Languages", "lng");

    @Test
    void anEnumOptionIdIsComparedAsItsLabel() throws Exception {
        JsonNode sent = json("{\"custom_fields\": {\"Loyalty tier\": \"gold\"}}");
        FieldComparison.Result right = FieldComparison.compare("person", sent, List.of(),
                json("{\"custom_fields\": {\"abc\": 11}}"), KEYS, Map.of(), OPTIONS);
        assertThat(right.mismatches()).isEmpty();
        assertThat(right.notCompared()).isEmpty();
        assertThat(right.fieldsChecked()).isEqualTo(1);

        FieldComparison.Result wrong = FieldComparison.compare("person", sent, List.of(),
                json("{\"custom_fields\": {\"abc\": 12}}"), KEYS, Map.of(), OPTIONS);
        assertThat(wrong.fieldsChecked()).isEqualTo(1);
        assertThat(wrong.mismatches()).singleElement().satisfies(m -> {
            assertThat(m.field()).isEqualTo("custom_fields.Loyalty tier");
            assertThat(m.sent()).isEqualTo("\"gold\"");
            assertThat(m.found()).isEqualTo("[Silver (12)]");
        });
        // an id the field does not have, and no value at all, are mismatches too
        assertThat(FieldComparison.compare("person", sent, List.of(), json("{\"custom_fields\": {\"abc\": 99}}"),
                KEYS, Map.of(), OPTIONS).mismatches()).extracting(FieldComparison.Mismatch::found)
                .containsExactly("[option 99 (not an option of the field)]");
        assertThat(FieldComparison.compare("person", sent, List.of(), json("{\"custom_fields\": {}}"),
                KEYS, Map.of(), OPTIONS).mismatches()).extracting(FieldComparison.Mismatch::found).containsExactly("absent");
    }

    @Test
    void aSetsOptionIdsAreComparedAsTheirLabelsInAnyOrder() throws Exception {
        JsonNode sent = json("{\"custom_fields\": {\"Languages\": [\"English\", \"Arabic\"]}}");
        FieldComparison.Result right = FieldComparison.compare("person", sent, List.of(),
                json("{\"custom_fields\": {\"lng\": [32, 33]}}"), KEYS, Map.of(), OPTIONS);
        assertThat(right.mismatches()).isEmpty();
        assertThat(right.notCompared()).isEmpty();
        assertThat(right.fieldsChecked()).isEqualTo(1);
        // a lead answers in v1's spelling: top-level key, ids joined by commas
        assertThat(FieldComparison.compare("deal", json("{\"custom_fields\": {\"Languages\": [\"English\", \"Arabic\"]}}"),
                List.of(), json("{\"lng\": \"33,32\"}"), Map.of("deal.Languages", "lng"), Map.of(), OPTIONS)
                .mismatches()).isEmpty();

        FieldComparison.Result wrong = FieldComparison.compare("person", sent, List.of(),
                json("{\"custom_fields\": {\"lng\": [31, 33]}}"), KEYS, Map.of(), OPTIONS);
        assertThat(wrong.fieldsChecked()).isEqualTo(1);
        assertThat(wrong.mismatches()).singleElement().satisfies(m -> {
            assertThat(m.field()).isEqualTo("custom_fields.Languages");
            assertThat(m.sent()).isEqualTo("[\"English\",\"Arabic\"]");
            assertThat(m.found()).isEqualTo("[French (31), English (33)]");
        });
        // one option too few is not the same set
        assertThat(FieldComparison.compare("person", sent, List.of(), json("{\"custom_fields\": {\"lng\": [33]}}"),
                KEYS, Map.of(), OPTIONS).mismatches()).hasSize(1);
    }

    @Test
    void withoutTheFieldsDefinitionOptionIdsAreNotComparedAndSaySo() throws Exception {
        JsonNode sent = json("{\"custom_fields\": {\"Languages\": [\"English\", \"Arabic\"]}}");
        FieldComparison.Result r = FieldComparison.compare("person", sent, List.of(),
                json("{\"custom_fields\": {\"lng\": [33, 32]}}"), KEYS, Map.of(), Map.of());
        assertThat(r.mismatches()).isEmpty();
        assertThat(r.fieldsChecked()).isZero();
        assertThat(r.notCompared()).containsExactly(
                "custom_fields.Languages: option ids (field lng is not in the entity's field list)");
    }

    @Test
    void aDifferentOrMissingValueIsAMismatchAndReferencesAreNotCompared() throws Exception {
        JsonNode sent = json("{\"name\": \"Bob Smith\", \"phones\": [{\"value\": \"+1 555\"}], \"org_id\": \"org of companies 7\"}");
        JsonNode found = json("{\"name\": \"Bob\", \"phones\": [], \"org_id\": 12}");
        FieldComparison.Result r = FieldComparison.compare("person", sent, List.of("org_id"), found, Map.of());
        assertThat(r.mismatches()).extracting(FieldComparison.Mismatch::field).containsExactly("name", "phones");
        assertThat(r.notCompared()).containsExactly("org_id: reference resolved by the loader");
    }

    @Test
    void aLinkResolvedThroughTheLedgerIsComparedAndAWrongOneIsAMismatch() throws Exception {
        JsonNode sent = json("{\"name\": \"Ann\", \"org_id\": \"organization of companies 7\"}");
        assertThat(FieldComparison.compare("person", sent, List.of("org_id"), json("{\"name\": \"Ann\", \"org_id\": 12}"),
                Map.of(), Map.of("org_id", "12")).mismatches()).isEmpty();
        FieldComparison.Result wrong = FieldComparison.compare("person", sent, List.of("org_id"),
                json("{\"name\": \"Ann\", \"org_id\": {\"value\": 13, \"name\": \"Other\"}}"), Map.of(), Map.of("org_id", "12"));
        assertThat(wrong.fieldsChecked()).isEqualTo(2);
        assertThat(wrong.mismatches()).singleElement().satisfies(m -> {
            assertThat(m.field()).isEqualTo("org_id");
            assertThat(m.sent()).isEqualTo("id 12");
            assertThat(m.found()).isEqualTo("13");
        });
    }
}

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
        assertThat(r.notCompared()).containsExactly("custom_fields.Loyalty tier: option ids (compared by the loader's setup, not here)");
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

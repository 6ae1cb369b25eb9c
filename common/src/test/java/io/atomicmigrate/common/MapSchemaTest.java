package io.atomicmigrate.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.atomicmigrate.common.json.Json;
import io.atomicmigrate.common.map.ActivityTypeMapping;
import io.atomicmigrate.common.map.CustomFieldSpec;
import io.atomicmigrate.common.map.DedupPolicy;
import io.atomicmigrate.common.map.FieldLine;
import io.atomicmigrate.common.map.FieldType;
import io.atomicmigrate.common.map.LabelPolicy;
import io.atomicmigrate.common.map.MigrationMap;
import io.atomicmigrate.common.map.NoteStatusPolicy;
import io.atomicmigrate.common.map.ObjectMapping;
import io.atomicmigrate.common.map.OwnerPolicy;
import io.atomicmigrate.common.map.PersonLeadRule;
import io.atomicmigrate.common.map.PipelineMapping;
import io.atomicmigrate.common.map.StageMapping;
import io.atomicmigrate.common.map.Target;
import io.atomicmigrate.common.map.Transform;
import io.atomicmigrate.common.map.TransformKind;
import io.atomicmigrate.common.map.UnknownValuePolicy;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The map document is the mapper ↔ loader contract: the Java records and the published schema must agree. */
class MapSchemaTest {

    private static final JsonSchema SCHEMA = load();

    static MigrationMap sampleMap() {
        FieldLine name = new FieldLine("contacts.name", List.of("first_name", "last_name"), Target.standard("name"),
                Transform.of(TransformKind.FULL_NAME), true, 0.98, "Pipedrive persons need a name", "standard");
        FieldLine gender = new FieldLine("contacts.gender", List.of("gender"),
                Target.custom(new CustomFieldSpec("Gender", FieldType.ENUM, List.of("He/Him", "She/Her", "They/Them"))),
                Transform.of(TransformKind.CODE_MAP, Map.of("map", "male:He/Him,female:She/Her,nonbinary:They/Them")),
                false, 0.9, "Pipedrive has no gender field", "standard");
        FieldLine lastSeen = new FieldLine("contacts.last_seen", List.of("last_seen"), Target.loss(),
                Transform.of(TransformKind.NONE), false, 0.7, "last activity, recomputed by Pipedrive", "standard");
        return new MigrationMap("m-1", 1, "CURRENT", "USD",
                List.of(new ObjectMapping("contacts", "person", PersonLeadRule.DEFAULT_RULE, List.of(name, gender, lastSeen))),
                new OwnerPolicy("email", Map.of(), "block", null),
                List.of(new PipelineMapping("other", "Other", "Other", 0.9, "one pipeline per category")),
                List.of(new StageMapping("won", "Won", "Won", 4, 100, "won", 0.95, "won is a status in Pipedrive")),
                List.of(new ActivityTypeMapping("call", "Call", "call", "Call", "call", false, 0.95, "default type")),
                new LabelPolicy("person", Map.of("#eddcd2", "brown"), "gray"),
                new NoteStatusPolicy("prefix", Map.of("hot", "Hot")),
                new DedupPolicy("email", "name", "merge"),
                new UnknownValuePolicy("first-stage", "default-pipeline", "default-type", "add-option"),
                new PersonLeadRule(PersonLeadRule.DEFAULT_RULE, true, "{name}"));
    }

    @Test
    void aSampleMapValidatesAndSurvivesARoundTrip() throws Exception {
        MigrationMap map = sampleMap();
        JsonNode json = Json.mapper().valueToTree(map);
        assertThat(SCHEMA.validate(json)).isEmpty();
        assertThat(json.at("/objects/0/fields/1/target/custom/type").asText()).isEqualTo("enum");
        assertThat(Json.mapper().treeToValue(json, MigrationMap.class)).isEqualTo(map);
    }

    @Test
    void theSchemaCatchesBadConfidenceUnknownTransformsAndStrayKeys() {
        ObjectNode json = Json.mapper().valueToTree(sampleMap());
        ObjectNode line = (ObjectNode) json.at("/objects/0/fields/0");
        line.put("confidence", 1.5);
        ((ObjectNode) line.get("transform")).put("kind", "TELEPORT");
        json.put("apiToken", "secret");
        List<String> messages = SCHEMA.validate(json).stream().map(ValidationMessage::getMessage).toList();
        assertThat(messages).anyMatch(m -> m.contains("confidence")).anyMatch(m -> m.contains("kind"))
                .anyMatch(m -> m.contains("apiToken"));
    }

    @Test
    void anUnknownFieldTypeFailsToDecodeNamingTheAllowedTypes() {
        ObjectNode json = Json.mapper().valueToTree(sampleMap());
        ((ObjectNode) json.at("/objects/0/fields/1/target/custom")).put("type", "dropdown");
        assertThatThrownBy(() -> Json.mapper().treeToValue(json, MigrationMap.class))
                .hasMessageContaining("unknown Pipedrive field type 'dropdown'").hasMessageContaining("enum");
    }

    private static JsonSchema load() {
        try (InputStream in = MapSchemaTest.class.getClassLoader().getResourceAsStream("schemas/map.schema.json")) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in,
                    SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

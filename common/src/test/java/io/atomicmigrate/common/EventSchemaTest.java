package io.atomicmigrate.common;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.atomicmigrate.common.events.EventEnvelope;
import io.atomicmigrate.common.events.EventType;
import io.atomicmigrate.common.json.EventCodec;
import io.atomicmigrate.common.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The published JSON Schemas are what dashboard teams code against: every event a producer
 * writes must validate, and the schemas must be strict enough to catch drift.
 */
class EventSchemaTest {

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true).build();
    private final EventCodec codec = new EventCodec();

    @Test
    void everySampleEventValidatesAgainstTheEnvelopeAndItsPayloadSchema() throws IOException {
        JsonSchema envelope = schema("schemas/envelope.schema.json");
        for (EventEnvelope<?> event : SampleEvents.all().values()) {
            JsonNode json = Json.mapper().readTree(codec.encode(event));
            assertThat(envelope.validate(json)).as("envelope of " + event.type()).isEmpty();
            assertThat(schema(event.eventType().schemaResource()).validate(json.get("payload")))
                    .as("payload of " + event.type()).isEmpty();
        }
    }

    @Test
    void theEnvelopeSchemaListsExactlyTheKnownTypes() throws IOException {
        JsonNode types = Json.mapper().readTree(resource("schemas/envelope.schema.json"))
                .at("/properties/type/enum");
        assertThat(types).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder(java.util.Arrays.stream(EventType.values()).map(EventType::wireName).toArray(String[]::new));
    }

    @Test
    void aPayloadWithAFieldTheSchemaDoesNotKnowIsInvalid() throws IOException {
        JsonNode json = Json.mapper().readTree(codec.encode(SampleEvents.all().get(EventType.RECORD_OUTCOME)));
        ((ObjectNode) json.get("payload")).put("secretToken", "abc");
        assertThat(messages(EventType.RECORD_OUTCOME, json.get("payload"))).anyMatch(m -> m.contains("secretToken"));
    }

    @Test
    void missingRequiredFieldsWrongEnumsAndBadHashesAreInvalid() throws IOException {
        JsonNode extracted = Json.mapper().readTree(codec.encode(SampleEvents.all().get(EventType.RECORD_EXTRACTED)))
                .get("payload");
        ((ObjectNode) extracted).put("rowHash", "not-a-sha256");
        assertThat(messages(EventType.RECORD_EXTRACTED, extracted)).anyMatch(m -> m.contains("rowHash"));

        JsonNode outcome = Json.mapper().readTree(codec.encode(SampleEvents.all().get(EventType.RECORD_OUTCOME)))
                .get("payload");
        ((ObjectNode) outcome).put("outcome", "TELEPORTED");
        ((ObjectNode) outcome).remove("sourceId");
        assertThat(messages(EventType.RECORD_OUTCOME, outcome))
                .anyMatch(m -> m.contains("outcome")).anyMatch(m -> m.contains("sourceId"));
    }

    @Test
    void onlyADeltaDeletionMayOmitTheRow() throws IOException {
        ObjectNode extracted = (ObjectNode) Json.mapper().readTree(codec.encode(SampleEvents.all()
                .get(EventType.RECORD_EXTRACTED))).get("payload");
        extracted.remove("row");
        assertThat(messages(EventType.RECORD_EXTRACTED, extracted)).anyMatch(m -> m.contains("row"));
        extracted.put("change", "DELETED");
        assertThat(messages(EventType.RECORD_EXTRACTED, extracted)).isEmpty();
        extracted.put("change", "RENAMED");
        assertThat(messages(EventType.RECORD_EXTRACTED, extracted)).anyMatch(m -> m.contains("change"));
    }

    @Test
    void anEnvelopeWithoutAMigrationIdOrWithABadTimeIsInvalid() throws IOException {
        ObjectNode json = (ObjectNode) Json.mapper().readTree(codec.encode(SampleEvents.all().get(EventType.MAP_PROPOSED)));
        json.remove("migrationId");
        json.put("occurredAt", "yesterday");
        Set<ValidationMessage> errors = schema("schemas/envelope.schema.json").validate(json);
        assertThat(errors).extracting(ValidationMessage::getMessage)
                .anyMatch(m -> m.contains("migrationId")).anyMatch(m -> m.contains("occurredAt"));
    }

    private java.util.List<String> messages(EventType type, JsonNode payload) {
        return schema(type.schemaResource()).validate(payload).stream().map(ValidationMessage::getMessage).toList();
    }

    private static JsonSchema schema(String resource) {
        try (InputStream in = resource(resource)) {
            return FACTORY.getSchema(in, CONFIG);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = EventSchemaTest.class.getClassLoader().getResourceAsStream(name);
        assertThat(in).as("schema resource " + name + " is published in the common jar").isNotNull();
        return in;
    }
}

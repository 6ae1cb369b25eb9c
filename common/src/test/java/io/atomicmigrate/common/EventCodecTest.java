package io.atomicmigrate.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.atomicmigrate.common.events.EventEnvelope;
import io.atomicmigrate.common.events.EventType;
import io.atomicmigrate.common.events.payload.MapApproved;
import io.atomicmigrate.common.events.payload.RecordOutcome;
import io.atomicmigrate.common.json.EventCodec;
import io.atomicmigrate.common.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventCodecTest {

    private final EventCodec codec = new EventCodec();

    @Test
    void everyEventTypeHasASample() {
        assertThat(SampleEvents.all().keySet()).containsExactlyInAnyOrder(EventType.values());
    }

    @Test
    void everyEventRoundTripsToAnEqualEnvelope() {
        for (EventEnvelope<?> event : SampleEvents.all().values()) {
            EventEnvelope<?> back = codec.decode(codec.encode(event));
            assertThat(back).as(event.type()).isEqualTo(event);
            assertThat(back.payload()).isInstanceOf(event.eventType().payloadType());
        }
    }

    @Test
    void timesAreIsoStringsWithMillisecondsAndNullsAreOmitted() throws Exception {
        EventEnvelope<?> outcome = SampleEvents.all().get(EventType.RECORD_OUTCOME);
        JsonNode json = Json.mapper().readTree(codec.encode(outcome));
        assertThat(json.get("occurredAt").asText()).isEqualTo("2026-11-21T10:15:30.123Z");
        assertThat(json.get("payload").has("error")).isFalse();
        assertThat(json.get("phase").asText()).isEqualTo("PERSONS");
        assertThat(json.get("type").asText()).isEqualTo("record.outcome");
    }

    @Test
    void nonAsciiTextSurvivesTheRoundTrip() {
        EventEnvelope<?> extracted = SampleEvents.all().get(EventType.RECORD_EXTRACTED);
        String json = new String(codec.encode(extracted), StandardCharsets.UTF_8);
        assertThat(json).contains("Zoë").contains("مرحبا");
        assertThat(codec.decode(json)).isEqualTo(extracted);
    }

    @Test
    void emojiAndOtherSupplementaryCharactersSurviveInValuesAndInMapKeys() {
        // Customer text becomes map keys (distinct values, top values). An emoji may fall anywhere in a
        // long key, including across the encoder's internal buffer boundaries: every offset must round-trip.
        for (int offset = 0; offset < 1200; offset += 7) {
            String text = "x".repeat(offset) + "fan \uD83C\uDF89 \uD834\uDD1E end";
            var discovered = new io.atomicmigrate.common.events.payload.MigrationDiscovered("CURRENT",
                    Map.of("contacts", 1L), List.of(), List.of(), Map.of(), List.of(), List.of(),
                    Map.of("deals.stage", Map.of(text, 2L)), null, null,
                    List.of(new io.atomicmigrate.common.events.payload.MigrationDiscovered.ColumnProfile("contacts",
                            "background", 1, 1, 1L, text.length(), List.of(text), Map.of(text, 1L))));
            EventEnvelope<?> event = EventEnvelope.of("m", discovered);
            assertThat(codec.decode(codec.encode(event))).as("emoji at offset " + offset).isEqualTo(event);
        }
    }

    @Test
    void olderConsumersIgnoreFieldsANewerProducerAdded() {
        String json = codec.encodeToString(SampleEvents.all().get(EventType.MAP_APPROVED))
                .replace("\"mapVersion\":2", "\"mapVersion\":2,\"addedLater\":\"x\"");
        assertThat(codec.decode(json.getBytes(StandardCharsets.UTF_8), MapApproved.class).payload().mapVersion()).isEqualTo(2);
    }

    @Test
    void malformedMessagesAreRejectedWithASpecificReason() {
        assertThatThrownBy(() -> codec.decode("not json")).isInstanceOf(EventCodec.EventCodecException.class)
                .hasMessageContaining("not JSON");
        assertThatThrownBy(() -> codec.decode("[1,2]")).hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> codec.decode("{\"id\":\"x\"}")).hasMessageContaining("no 'type'");
        assertThatThrownBy(() -> codec.decode("{\"type\":\"record.teleported\"}"))
                .hasMessageContaining("unknown event type 'record.teleported'");
        String noMigration = codec.encodeToString(SampleEvents.all().get(EventType.MAP_APPROVED))
                .replace("\"migrationId\":\"mig-7f3a\",", "");
        assertThatThrownBy(() -> codec.decode(noMigration)).hasMessageContaining("malformed map.approved event")
                .hasMessageContaining("migrationId");
    }

    @Test
    void decodingAsTheWrongPayloadTypeFails() {
        byte[] approved = codec.encode(SampleEvents.all().get(EventType.MAP_APPROVED));
        assertThatThrownBy(() -> codec.decode(approved, RecordOutcome.class))
                .hasMessageContaining("expected a RecordOutcome event, got map.approved");
    }

    @Test
    void anEnvelopeCannotCarryAPayloadOfAnotherType() {
        EventEnvelope<?> approved = SampleEvents.all().get(EventType.MAP_APPROVED);
        assertThatThrownBy(() -> new EventEnvelope<>(approved.id(), "record.outcome", "m", null, null, approved.occurredAt(),
                1, approved.payload())).hasMessageContaining("carries RecordOutcome, not MapApproved");
    }

    @Test
    void everyTypeIsPublishedToAKnownTopic() {
        Map<String, Long> topicsInUse = new java.util.HashMap<>();
        for (EventType type : EventType.values()) {
            assertThat(io.atomicmigrate.common.topics.Topics.ALL).extracting(t -> t.name()).contains(type.topic());
            topicsInUse.merge(type.topic(), 1L, Long::sum);
        }
        // every topic but the dead letters carries at least one event type
        assertThat(topicsInUse).hasSize(io.atomicmigrate.common.topics.Topics.ALL.size() - 1);
    }
}

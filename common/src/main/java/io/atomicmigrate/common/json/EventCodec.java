package io.atomicmigrate.common.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atomicmigrate.common.events.EventEnvelope;
import io.atomicmigrate.common.events.EventPayload;
import io.atomicmigrate.common.events.EventType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Encodes and decodes envelopes. The payload's class is chosen by the envelope's
 * {@code type}, so one topic can carry several event types and a consumer needs no
 * per-type deserializer configuration.
 */
public final class EventCodec {

    private final ObjectMapper mapper;

    public EventCodec() {
        this(Json.mapper());
    }

    public EventCodec(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public byte[] encode(EventEnvelope<?> event) {
        try {
            return mapper.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new EventCodecException("could not encode " + event.type() + " event " + event.id(), e);
        }
    }

    public String encodeToString(EventEnvelope<?> event) {
        return new String(encode(event), StandardCharsets.UTF_8);
    }

    public EventEnvelope<?> decode(String json) {
        return decode(json.getBytes(StandardCharsets.UTF_8));
    }

    /** Decodes an envelope; a malformed message raises {@link EventCodecException} naming what is wrong. */
    public EventEnvelope<?> decode(byte[] json) {
        JsonNode tree;
        try {
            tree = mapper.readTree(json);
        } catch (IOException e) {
            throw new EventCodecException("message is not JSON: " + e.getMessage(), e);
        }
        if (!(tree instanceof ObjectNode envelope)) {
            throw new EventCodecException("message is not a JSON object");
        }
        JsonNode type = envelope.get("type");
        if (type == null || !type.isTextual()) {
            throw new EventCodecException("message has no 'type'");
        }
        EventType eventType;
        try {
            eventType = EventType.fromWireName(type.asText());
        } catch (EventType.UnknownEventTypeException e) {
            throw new EventCodecException(e.getMessage(), e);
        }
        try {
            return mapper.convertValue(envelope, mapper.getTypeFactory()
                    .constructParametricType(EventEnvelope.class, eventType.payloadType()));
        } catch (IllegalArgumentException e) {
            throw new EventCodecException("malformed " + eventType.wireName() + " event: " + rootMessage(e), e);
        }
    }

    /** Decodes and checks the payload type in one step. */
    @SuppressWarnings("unchecked")
    public <P extends EventPayload> EventEnvelope<P> decode(byte[] json, Class<P> expected) {
        EventEnvelope<?> event = decode(json);
        if (!expected.isInstance(event.payload())) {
            throw new EventCodecException("expected a " + expected.getSimpleName() + " event, got " + event.type());
        }
        return (EventEnvelope<P>) event;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    /** A message that cannot be turned into an envelope. */
    public static final class EventCodecException extends RuntimeException {
        public EventCodecException(String message) {
            super(message);
        }

        public EventCodecException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}

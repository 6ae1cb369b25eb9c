package io.atomicmigrate.common.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The envelope every message on every topic carries (DESIGN §3). Attribute names follow
 * CloudEvents where they fit ({@code id}, {@code type}); the rest is ours.
 *
 * @param id            unique per event: consumers de-duplicate redeliveries by it
 * @param type          the wire name of an {@link EventType}; decides the payload's shape
 * @param migrationId   the migration this event belongs to; never null, so a consumer can
 *                      always resolve the right customer's credentials and nothing else
 * @param runId         the run (sample, production, delta) or null for migration-level events
 * @param phase         the load phase or null when the event is not about one phase
 * @param occurredAt    when the producer observed what the event says
 * @param schemaVersion version of the payload schema, bumped on incompatible changes
 * @param payload       the event body; its class is {@link EventType#payloadType()}
 */
public record EventEnvelope<P extends EventPayload>(
        UUID id,
        String type,
        String migrationId,
        String runId,
        Phase phase,
        Instant occurredAt,
        int schemaVersion,
        P payload) {

    public static final int CURRENT_SCHEMA_VERSION = 1;

    public EventEnvelope {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(payload, "payload");
        if (migrationId == null || migrationId.isBlank()) {
            throw new IllegalArgumentException("every event needs its migrationId");
        }
        EventType declared = EventType.fromWireName(type);
        if (!declared.payloadType().isInstance(payload)) {
            throw new IllegalArgumentException("event type " + type + " carries "
                    + declared.payloadType().getSimpleName() + ", not " + payload.getClass().getSimpleName());
        }
    }

    /** A new event with a fresh id and the current time. */
    public static <P extends EventPayload> EventEnvelope<P> of(String migrationId, String runId, Phase phase, P payload) {
        return new EventEnvelope<>(UUID.randomUUID(), EventType.of(payload).wireName(), migrationId, runId, phase,
                Instant.now(), CURRENT_SCHEMA_VERSION, payload);
    }

    /** A migration-level event (no run, no phase). */
    public static <P extends EventPayload> EventEnvelope<P> of(String migrationId, P payload) {
        return of(migrationId, null, null, payload);
    }

    public EventType eventType() {
        return EventType.fromWireName(type);
    }
}

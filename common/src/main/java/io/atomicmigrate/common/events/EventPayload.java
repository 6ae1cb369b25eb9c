package io.atomicmigrate.common.events;

/**
 * Marker for the body of an event. Each implementation is a record listed in
 * {@link EventType}, with a JSON Schema under {@code schemas/} in this jar.
 */
public interface EventPayload {
}

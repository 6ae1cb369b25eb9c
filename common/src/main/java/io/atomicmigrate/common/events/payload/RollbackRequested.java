package io.atomicmigrate.common.events.payload;

import io.atomicmigrate.common.events.EventPayload;

/**
 * Someone asked to undo a run, or one phase of it (the envelope's phase; null = the whole run).
 *
 * @param requestedBy who asked
 * @param reason      why, in words
 */
public record RollbackRequested(String requestedBy, String reason) implements EventPayload {
}

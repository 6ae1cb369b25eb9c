package io.atomicmigrate.reconciler.service;

import java.time.Instant;
import java.util.UUID;

/** A lifecycle event as the reconciler recorded it, with where it came from on the topic. */
public record LifecycleEvent(UUID eventId, String migrationId, String runId, String phase, String type,
                             String kafkaKey, int kafkaPartition, long kafkaOffset, Instant occurredAt) {
}

package io.atomicmigrate.mapper.messaging;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.atomicmigrate.common.events.EventEnvelope;
import io.atomicmigrate.common.events.EventType;
import io.atomicmigrate.common.events.payload.MigrationDiscovered;
import io.atomicmigrate.common.events.payload.RunStarted;
import io.atomicmigrate.common.json.EventCodec;
import io.atomicmigrate.common.json.Json;
import io.atomicmigrate.mapper.repository.MigrationFactsRepository;
import io.atomicmigrate.mapper.repository.RunRepository;
import io.atomicmigrate.mapper.service.proposal.ColumnProfile;
import io.atomicmigrate.mapper.service.review.MapReviewService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * The lifecycle events the mapper acts on: migration.discovered (propose a map) and run.started
 * (remember which approved version the run uses). Both are idempotent: a redelivered discovery
 * finds its proposal by event id, a redelivered run start is an insert that does nothing.
 */
@ApplicationScoped
public class MigrationEventsConsumer {

    private static final Logger LOG = Logger.getLogger(MigrationEventsConsumer.class);

    private final MapReviewService review;
    private final MigrationFactsRepository facts;
    private final RunRepository runs;
    private final EventCodec codec = new EventCodec();

    public MigrationEventsConsumer(MapReviewService review, MigrationFactsRepository facts, RunRepository runs) {
        this.review = review;
        this.facts = facts;
        this.runs = runs;
    }

    @Incoming("migration-events")
    public Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
        EventEnvelope<?> event = codec.decode(record.value());
        if (event.eventType() == EventType.MIGRATION_DISCOVERED) {
            MigrationDiscovered discovered = (MigrationDiscovered) event.payload();
            Uni<Void> profiles = columnProfiles(record.value()).map(list -> list.isEmpty()
                    ? Uni.createFrom().voidItem() : facts.saveProfiles(event.migrationId(), list)).orElse(Uni.createFrom().voidItem());
            return profiles.chain(() -> review.onDiscovered(event.migrationId(), event.id(), discovered))
                    .invoke(v -> {
                        if (v != null) {
                            LOG.infof("migration %s: proposed map version %d", event.migrationId(), v.version());
                        }
                    }).replaceWithVoid();
        }
        if (event.eventType() == EventType.RUN_STARTED && event.runId() != null) {
            return runs.save(event.migrationId(), event.runId(), ((RunStarted) event.payload()).mapVersion());
        }
        return Uni.createFrom().voidItem();
    }

    /**
     * Column profiles, as discovery publishes them in {@code payload.columnProfiles}. Read from the raw
     * JSON into the mapper's own record, which also carries derived values such as the fill rate.
     */
    static java.util.Optional<List<ColumnProfile>> columnProfiles(byte[] raw) {
        try {
            JsonNode profiles = Json.mapper().readTree(raw).path("payload").path("columnProfiles");
            if (!profiles.isArray()) {
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(Json.mapper().convertValue(profiles, new TypeReference<List<ColumnProfile>>() { }));
        } catch (java.io.IOException | IllegalArgumentException e) {
            LOG.warnf("ignoring unreadable columnProfiles in migration.discovered: %s", e.getMessage());
            return java.util.Optional.empty();
        }
    }
}

package io.atomicmigrate.loader.messaging;

import io.atomicmigrate.common.events.EventEnvelope;
import io.atomicmigrate.common.events.payload.DestinationReady;
import io.atomicmigrate.common.events.payload.MapApproved;
import io.atomicmigrate.common.json.EventCodec;
import io.atomicmigrate.common.json.Json;
import io.atomicmigrate.loader.client.MapperApi;
import io.atomicmigrate.loader.repository.DestinationLedger;
import io.atomicmigrate.loader.service.DestinationSetup;
import io.atomicmigrate.loader.service.OwnerReconciler;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * crm.migration.events: on map.approved, fetch the approved map from the mapper, check it is the
 * document that was approved (its hash), prepare the destination and announce destination.ready.
 * A redelivered approval re-announces the stored destination.ready with the same event id.
 */
@ApplicationScoped
public class MigrationEventsConsumer {

    private static final Logger LOG = Logger.getLogger(MigrationEventsConsumer.class);

    private final MapperApi mapper;
    private final DestinationSetup setup;
    private final DestinationLedger destinations;
    private final EventPublisher publisher;
    private final OwnerReconciler owners;
    private final EventCodec codec = new EventCodec();

    public MigrationEventsConsumer(@RestClient MapperApi mapper, DestinationSetup setup, DestinationLedger destinations,
                                   EventPublisher publisher, OwnerReconciler owners) {
        this.mapper = mapper;
        this.setup = setup;
        this.destinations = destinations;
        this.publisher = publisher;
        this.owners = owners;
    }

    @Incoming("migration-events")
    @Blocking
    public void consume(ConsumerRecord<String, byte[]> record) {
        EventEnvelope<?> event;
        try {
            event = codec.decode(record.value());
        } catch (EventCodec.EventCodecException e) {
            LOG.warnf("skipping an unreadable lifecycle event at %s-%d@%d: %s", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
            return;
        }
        if (event.payload() instanceof MapApproved approved) {
            onApproved(event, approved);
        }
    }

    void onApproved(EventEnvelope<?> event, MapApproved approved) {
        String migrationId = event.migrationId();
        UUID readyId = UUID.nameUUIDFromBytes((event.id() + "/destination.ready").getBytes(StandardCharsets.UTF_8));
        Optional<DestinationLedger.Destination> done = destinations.destination(migrationId);
        DestinationReady ready;
        if (done.isPresent() && done.get().mapHash().equals(approved.mapHash())) {
            ready = Json.mapper().convertValue(done.get().ready(), DestinationReady.class);
        } else {
            MapperApi.MapVersion version = mapper.version(migrationId, approved.mapVersion());
            if (!version.approved() || !approved.mapHash().equals(version.hash())) {
                throw new IllegalStateException("map version " + approved.mapVersion() + " of migration " + migrationId
                        + " is not the approved document (hash " + version.hash() + ", approved " + version.approved()
                        + ", event says " + approved.mapHash() + "); destination not prepared");
            }
            ready = setup.setUp(version.document().withMigrationId(migrationId).withVersion(approved.mapVersion()),
                    approved.mapHash());
        }
        publisher.lifecycle(new EventEnvelope<>(readyId, "destination.ready", migrationId, event.runId(), null,
                Instant.now(), EventEnvelope.CURRENT_SCHEMA_VERSION, ready));
    }

}

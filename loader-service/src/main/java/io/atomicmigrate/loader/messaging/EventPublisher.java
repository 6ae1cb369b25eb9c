package io.atomicmigrate.loader.messaging;

import io.atomicmigrate.common.events.EventEnvelope;
import io.atomicmigrate.common.events.EventKeys;
import io.atomicmigrate.common.json.EventCodec;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Publishes the loader's events and waits for the broker's acknowledgement, so an input record is
 * only acknowledged after what it produced is safely on its topic (at least once, nothing lost).
 */
@ApplicationScoped
public class EventPublisher {

    private final MutinyEmitter<byte[]> outcomes;
    private final MutinyEmitter<byte[]> lifecycle;
    private final EventCodec codec = new EventCodec();

    public EventPublisher(@Channel("records-outcomes") MutinyEmitter<byte[]> outcomes,
                          @Channel("loader-events") MutinyEmitter<byte[]> lifecycle) {
        this.outcomes = outcomes;
        this.lifecycle = lifecycle;
    }

    /** crm.records.outcomes */
    public void outcome(EventEnvelope<?> event) {
        send(outcomes, event);
    }

    /** crm.migration.events: destination.ready, owners.unresolved */
    public void lifecycle(EventEnvelope<?> event) {
        send(lifecycle, event);
    }

    private void send(MutinyEmitter<byte[]> emitter, EventEnvelope<?> event) {
        Message<byte[]> message = Message.of(codec.encode(event))
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(EventKeys.of(event)).build());
        emitter.sendMessageAndAwait(message);
    }
}

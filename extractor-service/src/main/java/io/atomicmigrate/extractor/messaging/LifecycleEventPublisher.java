package io.atomicmigrate.extractor.messaging;

import io.atomicmigrate.common.events.EventEnvelope;
import io.atomicmigrate.common.events.EventKeys;
import io.atomicmigrate.common.json.EventCodec;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Publishes lifecycle events to {@code crm.migration.events}, keyed by migration so one
 * migration's events stay in order on one partition. Completes when the broker acked.
 */
@ApplicationScoped
public class LifecycleEventPublisher {

    private final Emitter<byte[]> emitter;
    private final EventCodec codec = new EventCodec();

    public LifecycleEventPublisher(@Channel("migration-events") Emitter<byte[]> emitter) {
        this.emitter = emitter;
    }

    public Uni<Void> publish(EventEnvelope<?> event) {
        CompletableFuture<Void> acked = new CompletableFuture<>();
        Message<byte[]> message = Message.of(codec.encode(event))
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(EventKeys.of(event)).build())
                .withAck(() -> {
                    acked.complete(null);
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(failure -> {
                    acked.completeExceptionally(failure);
                    return CompletableFuture.completedFuture(null);
                });
        emitter.send(message);
        return Uni.createFrom().completionStage(acked);
    }
}

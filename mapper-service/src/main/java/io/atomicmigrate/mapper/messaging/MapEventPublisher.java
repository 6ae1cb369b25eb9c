package io.atomicmigrate.mapper.messaging;

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

/** Publishes map.proposed and map.approved to {@code crm.migration.events}; completes when the broker acked. */
@ApplicationScoped
public class MapEventPublisher {

    private final Emitter<byte[]> emitter;
    private final EventCodec codec = new EventCodec();

    public MapEventPublisher(@Channel("map-events") Emitter<byte[]> emitter) {
        this.emitter = emitter;
    }

    public Uni<Void> publish(EventEnvelope<?> event) {
        return send(emitter, codec.encode(event), EventKeys.of(event));
    }

    static Uni<Void> send(Emitter<byte[]> emitter, byte[] value, String key) {
        CompletableFuture<Void> acked = new CompletableFuture<>();
        Message<byte[]> message = Message.of(value)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(key).build())
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

package io.atomicmigrate.reconciler.messaging;

import io.atomicmigrate.common.events.EventEnvelope;
import io.atomicmigrate.common.events.EventKeys;
import io.atomicmigrate.common.json.EventCodec;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Everything the reconciler publishes, each on its topic and with its key (EventKeys): run and
 * phase lifecycle, re-requested records of a retry, reconciliation reports. Each Uni completes
 * when the broker acknowledged, so a state change recorded afterwards never runs ahead of its event.
 */
@ApplicationScoped
public class ConductorEventPublisher {

    private final MutinyEmitter<byte[]> lifecycle;
    private final MutinyEmitter<byte[]> records;
    private final MutinyEmitter<byte[]> reports;
    private final EventCodec codec = new EventCodec();

    public ConductorEventPublisher(@Channel("conductor-events") MutinyEmitter<byte[]> lifecycle,
                                   @Channel("retried-records") MutinyEmitter<byte[]> records,
                                   @Channel("reports") MutinyEmitter<byte[]> reports) {
        this.lifecycle = lifecycle;
        this.records = records;
        this.reports = reports;
    }

    /** crm.migration.events, keyed by migration. */
    public Uni<Void> lifecycle(EventEnvelope<?> event) {
        return send(lifecycle, event);
    }

    /** crm.records.extracted, keyed by source row. */
    public Uni<Void> records(List<? extends EventEnvelope<?>> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.join().all(events.stream().map(e -> send(records, e)).toList()).andFailFast().replaceWithVoid();
    }

    /** crm.reconciliation.reports, keyed by migration/run/phase (compacted). */
    public Uni<Void> report(EventEnvelope<?> event) {
        return send(reports, event);
    }

    private Uni<Void> send(MutinyEmitter<byte[]> emitter, EventEnvelope<?> event) {
        return emitter.sendMessage(Message.of(codec.encode(event))
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(EventKeys.of(event)).build()));
    }
}

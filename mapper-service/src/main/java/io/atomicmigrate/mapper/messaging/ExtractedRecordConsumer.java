package io.atomicmigrate.mapper.messaging;

import io.atomicmigrate.common.events.EventEnvelope;
import io.atomicmigrate.common.events.EventKeys;
import io.atomicmigrate.common.events.payload.RecordExtracted;
import io.atomicmigrate.common.events.payload.RecordMapped;
import io.atomicmigrate.common.events.payload.RecordRejected;
import io.atomicmigrate.common.json.EventCodec;
import io.atomicmigrate.mapper.service.transform.RecordTransformer;
import io.atomicmigrate.mapper.service.transform.TransformOutcome;
import io.atomicmigrate.mapper.service.transform.TransformRun;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * crm.records.extracted → crm.records.mapped / crm.records.rejected. The offset is committed after
 * the output is acknowledged by the broker. Output event ids are derived from the input event id,
 * so a redelivered row produces the very same events and downstream consumers drop the copy.
 */
@ApplicationScoped
public class ExtractedRecordConsumer {

    private final ApprovedMaps maps;
    private final KnownIdsCache knownIds;
    private final Emitter<byte[]> mapped;
    private final Emitter<byte[]> rejected;
    private final EventCodec codec = new EventCodec();
    private final RecordTransformer transformer = new RecordTransformer();

    public ExtractedRecordConsumer(ApprovedMaps maps, KnownIdsCache knownIds,
                                   @Channel("records-mapped") Emitter<byte[]> mapped,
                                   @Channel("records-rejected") Emitter<byte[]> rejected) {
        this.maps = maps;
        this.knownIds = knownIds;
        this.mapped = mapped;
        this.rejected = rejected;
    }

    @Incoming("records-extracted")
    public Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
        EventEnvelope<RecordExtracted> event = codec.decode(record.value(), RecordExtracted.class);
        RecordExtracted row = event.payload();
        return knownIds.remember(event.migrationId(), row.table(), row.sourceId())
                .chain(() -> maps.forRecord(event.migrationId(), event.runId()))
                .chain(resolved -> {
                    if (resolved.lookups() == null) {
                        return publish(event, TransformOutcome.rejected(new RecordRejected(row.table(), row.sourceId(),
                                List.of(new RecordRejected.Reason(null, resolved.problemCode(), resolved.problem())),
                                row.row() == null ? com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()
                                        : row.row(), null)));
                    }
                    return knownIds.forTable(event.migrationId(), row.table()).chain(known -> publish(event,
                            transformer.transform(row, event.phase(), new TransformRun(resolved.version(),
                                    resolved.lookups(), known))));
                });
    }

    private Uni<Void> publish(EventEnvelope<RecordExtracted> source, TransformOutcome outcome) {
        List<Uni<Void>> sends = new ArrayList<>();
        if (outcome.rejected() != null) {
            EventEnvelope<RecordRejected> e = derived(source, 0, outcome.rejected());
            sends.add(MapEventPublisher.send(rejected, codec.encode(e), EventKeys.of(e)));
        }
        int i = 1;
        for (RecordMapped m : outcome.mapped()) {
            EventEnvelope<RecordMapped> e = derived(source, i++, m);
            sends.add(MapEventPublisher.send(mapped, codec.encode(e), EventKeys.of(e)));
        }
        return sends.isEmpty() ? Uni.createFrom().voidItem() : Uni.join().all(sends).andFailFast().replaceWithVoid();
    }

    private static <P extends io.atomicmigrate.common.events.EventPayload> EventEnvelope<P> derived(
            EventEnvelope<?> source, int index, P payload) {
        UUID id = UUID.nameUUIDFromBytes((source.id() + "/" + index).getBytes(StandardCharsets.UTF_8));
        return new EventEnvelope<>(id, io.atomicmigrate.common.events.EventType.of(payload).wireName(),
                source.migrationId(), source.runId(), source.phase(), java.time.Instant.now(),
                EventEnvelope.CURRENT_SCHEMA_VERSION, payload);
    }
}

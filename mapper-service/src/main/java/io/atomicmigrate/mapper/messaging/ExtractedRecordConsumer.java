package io.atomicmigrate.mapper.messaging;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.atomicmigrate.common.events.EventEnvelope;
import io.atomicmigrate.common.events.EventKeys;
import io.atomicmigrate.common.events.EventPayload;
import io.atomicmigrate.common.events.EventType;
import io.atomicmigrate.common.events.payload.RecordExtracted;
import io.atomicmigrate.common.events.payload.RecordMapped;
import io.atomicmigrate.common.events.payload.RecordRejected;
import io.atomicmigrate.common.json.EventCodec;
import io.atomicmigrate.mapper.service.transform.RecordTransformer;
import io.atomicmigrate.mapper.service.transform.TransformOutcome;
import io.atomicmigrate.mapper.service.transform.TransformRun;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * crm.records.extracted → crm.records.mapped / crm.records.rejected, a poll batch at a time: the
 * batch's ids are remembered in one statement, every row is transformed, and the batch completes
 * (and its offsets may be committed) only when the broker acknowledged every output. Output event
 * ids are derived from the input event id, so a redelivered row produces the very same events and
 * downstream consumers drop the copy.
 */
@ApplicationScoped
public class ExtractedRecordConsumer {

    private static final Logger LOG = Logger.getLogger(ExtractedRecordConsumer.class);

    private final ApprovedMaps maps;
    private final KnownIdsCache knownIds;
    private final Emitter<byte[]> mapped;
    private final Emitter<byte[]> rejected;
    private final Emitter<byte[]> deadLetters;
    private final EventCodec codec = new EventCodec();
    private final RecordTransformer transformer = new RecordTransformer();

    public ExtractedRecordConsumer(ApprovedMaps maps, KnownIdsCache knownIds,
                                   @Channel("records-mapped") Emitter<byte[]> mapped,
                                   @Channel("records-rejected") Emitter<byte[]> rejected,
                                   @Channel("dead-letters") Emitter<byte[]> deadLetters) {
        this.maps = maps;
        this.knownIds = knownIds;
        this.mapped = mapped;
        this.rejected = rejected;
        this.deadLetters = deadLetters;
    }

    @Incoming("records-extracted")
    public Uni<Void> consume(ConsumerRecords<String, byte[]> batch) {
        List<EventEnvelope<RecordExtracted>> events = new ArrayList<>(batch.count());
        List<Uni<Void>> sends = new ArrayList<>();
        Map<String, Map<String, List<String>>> ids = new LinkedHashMap<>();
        for (ConsumerRecord<String, byte[]> record : batch) {
            try {
                EventEnvelope<RecordExtracted> event = codec.decode(record.value(), RecordExtracted.class);
                events.add(event);
                ids.computeIfAbsent(event.migrationId(), m -> new LinkedHashMap<>())
                        .computeIfAbsent(event.payload().table(), t -> new ArrayList<>()).add(event.payload().sourceId());
            } catch (RuntimeException e) {
                // Not attributable to any row: kept whole on the dead-letter topic, never dropped.
                LOG.errorf("%s-%d@%d is not a record.extracted event (%s); sent to the dead-letter topic",
                        record.topic(), record.partition(), record.offset(), e.getMessage());
                sends.add(MapEventPublisher.send(deadLetters, record.value(), record.key() == null ? "undecodable" : record.key()));
            }
        }
        return knownIds.rememberAll(ids)
                .chain(() -> Multi.createFrom().iterable(events)
                        .onItem().transformToUniAndConcatenate(event -> transform(event).invoke(sends::addAll))
                        .collect().last())
                .chain(() -> sends.isEmpty() ? Uni.createFrom().voidItem()
                        : Uni.join().all(sends).andFailFast().replaceWithVoid());
    }

    /** The sends for one row (not yet awaited). */
    private Uni<List<Uni<Void>>> transform(EventEnvelope<RecordExtracted> event) {
        RecordExtracted row = event.payload();
        return maps.forRecord(event.migrationId(), event.runId()).chain(resolved -> {
            if (resolved.lookups() == null) {
                return Uni.createFrom().item(publish(event, TransformOutcome.rejected(new RecordRejected(row.table(),
                        row.sourceId(), List.of(new RecordRejected.Reason(null, resolved.problemCode(), resolved.problem())),
                        row.row() == null ? JsonNodeFactory.instance.objectNode() : row.row(), null))));
            }
            return knownIds.forTable(event.migrationId(), row.table()).map(known -> publish(event,
                    transformer.transform(row, event.phase(), new TransformRun(resolved.version(), resolved.lookups(), known))));
        });
    }

    private List<Uni<Void>> publish(EventEnvelope<RecordExtracted> source, TransformOutcome outcome) {
        List<Uni<Void>> sends = new ArrayList<>(2);
        if (outcome.rejected() != null) {
            EventEnvelope<RecordRejected> e = derived(source, 0, outcome.rejected());
            sends.add(MapEventPublisher.send(rejected, codec.encode(e), EventKeys.of(e)));
        }
        int i = 1;
        for (RecordMapped m : outcome.mapped()) {
            EventEnvelope<RecordMapped> e = derived(source, i++, m);
            sends.add(MapEventPublisher.send(mapped, codec.encode(e), EventKeys.of(e)));
        }
        return sends;
    }

    private static <P extends EventPayload> EventEnvelope<P> derived(EventEnvelope<?> source, int index, P payload) {
        UUID id = UUID.nameUUIDFromBytes((source.id() + "/" + index).getBytes(StandardCharsets.UTF_8));
        return new EventEnvelope<>(id, EventType.of(payload).wireName(), source.migrationId(), source.runId(),
                source.phase(), Instant.now(), EventEnvelope.CURRENT_SCHEMA_VERSION, payload);
    }
}

package io.atomicmigrate.extractor.messaging;

import io.atomicmigrate.extractor.service.extraction.OutgoingRecord;
import io.atomicmigrate.extractor.service.extraction.RecordSink;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Publishes extracted rows to {@code crm.records.extracted}, keyed by migration/table/sourceId
 * (DESIGN §3). A page completes when the broker acked all of its records.
 */
@ApplicationScoped
public class RecordPublisher implements RecordSink {

    private final MutinyEmitter<byte[]> emitter;

    /** The buffer holds a few pages: the extractor never has more than one page in flight. */
    public RecordPublisher(@Channel("records-extracted") @OnOverflow(value = OnOverflow.Strategy.BUFFER,
            bufferSize = 8192) MutinyEmitter<byte[]> emitter) {
        this.emitter = emitter;
    }

    @Override
    public Uni<Void> publish(List<OutgoingRecord> page) {
        if (page.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Uni<Void>> sends = new ArrayList<>(page.size());
        for (OutgoingRecord record : page) {
            sends.add(emitter.sendMessage(Message.of(record.value()).addMetadata(
                    OutgoingKafkaRecordMetadata.<String>builder().withKey(record.key()).build())));
        }
        return Uni.join().all(sends).andFailFast().replaceWithVoid();
    }
}

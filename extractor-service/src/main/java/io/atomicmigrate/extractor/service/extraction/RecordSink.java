package io.atomicmigrate.extractor.service.extraction;

import io.atomicmigrate.common.events.EventEnvelope;
import io.atomicmigrate.common.events.payload.RecordExtracted;
import io.smallrye.mutiny.Uni;
import java.util.List;

/**
 * Where extracted records go: completes when the broker acknowledged every record of the page,
 * which is what paces the reader (backpressure: the next page is read only after that).
 */
public interface RecordSink {

    Uni<Void> publish(List<EventEnvelope<RecordExtracted>> page);
}

package io.atomicmigrate.extractor.service.extraction;

import io.smallrye.mutiny.Uni;
import java.util.List;

/**
 * Where extracted records go, already encoded with their keys ({@link RecordEncoder}): completes
 * when the broker acknowledged every record of the page, which is what paces the reader
 * (backpressure: the next page is handled only after that).
 */
public interface RecordSink {

    Uni<Void> publish(List<OutgoingRecord> page);
}

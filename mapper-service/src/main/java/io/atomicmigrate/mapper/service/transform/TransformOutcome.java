package io.atomicmigrate.mapper.service.transform;

import io.atomicmigrate.common.events.payload.RecordMapped;
import io.atomicmigrate.common.events.payload.RecordRejected;
import java.util.List;

/**
 * What one source row became: destination records (UPSERT, DELETE or a SKIP that says why), or a
 * rejection with reasons. Never neither and never both: every extracted row has exactly one verdict.
 */
public record TransformOutcome(List<RecordMapped> mapped, RecordRejected rejected) {

    public static TransformOutcome of(RecordMapped... records) {
        return new TransformOutcome(List.of(records), null);
    }

    public static TransformOutcome rejected(RecordRejected rejected) {
        return new TransformOutcome(List.of(), rejected);
    }

    public boolean isRejected() {
        return rejected != null;
    }
}

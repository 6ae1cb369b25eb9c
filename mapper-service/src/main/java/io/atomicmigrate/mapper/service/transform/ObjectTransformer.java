package io.atomicmigrate.mapper.service.transform;

import com.fasterxml.jackson.databind.JsonNode;
import io.atomicmigrate.common.events.Phase;
import io.atomicmigrate.common.events.payload.RecordRejected;
import io.atomicmigrate.common.map.FieldLine;
import io.atomicmigrate.common.map.ObjectMapping;
import java.util.List;

/** Turns rows of one source table into destination records; one class per source object. */
public abstract class ObjectTransformer {

    /** The source table this transformer handles. */
    public abstract String table();

    public abstract TransformOutcome transform(String sourceId, JsonNode row, Phase phase, ObjectMapping mapping,
                                               TransformRun run);

    /** Applies every line of the object mapping to the row. */
    protected MappedRecordDraft applyLines(String sourceId, JsonNode row, ObjectMapping mapping, String object,
                                           TransformRun run) {
        MappedRecordDraft draft = new MappedRecordDraft(table(), sourceId, object);
        for (FieldLine line : mapping.fields()) {
            run.applier().apply(line, row, draft);
        }
        return draft;
    }

    protected TransformOutcome reject(MappedRecordDraft draft, JsonNode row, TransformRun run) {
        return TransformOutcome.rejected(new RecordRejected(table(), draft.sourceId(), List.copyOf(draft.reasons()), row,
                run.mapVersion()));
    }
}

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

    /** The destination object a row of this table becomes in the phase (what a skip would have been, what a delete removes). */
    public abstract String object(Phase phase);

    /** The marker of the destination record a row becomes in the phase ({@code <table>:<id>} unless said otherwise). */
    public String marker(String sourceId, Phase phase) {
        return table() + ":" + sourceId;
    }

    /**
     * A delta run saw the row deleted in the source: the destination record it produced in this
     * phase is to be deleted too.
     */
    public TransformOutcome deleted(String sourceId, Phase phase, TransformRun run) {
        return TransformOutcome.of(Verdicts.delete(table(), sourceId, object(phase), marker(sourceId, phase), List.of(),
                run.mapVersion()));
    }

    /** A row this phase deliberately makes nothing of, with the reason in words. */
    protected TransformOutcome skip(String sourceId, Phase phase, String reason, TransformRun run) {
        return TransformOutcome.of(Verdicts.skip(table(), sourceId, object(phase), marker(sourceId, phase), reason,
                run.mapVersion()));
    }

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

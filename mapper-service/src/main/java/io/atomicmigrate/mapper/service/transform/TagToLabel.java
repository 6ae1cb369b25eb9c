package io.atomicmigrate.mapper.service.transform;

import com.fasterxml.jackson.databind.JsonNode;
import io.atomicmigrate.common.events.Phase;
import io.atomicmigrate.common.map.ObjectMapping;
import java.util.Locale;

/** Where a tag becomes a person label option, with the nearest Pipedrive colour. Names are not unique in Atomic CRM. */
public final class TagToLabel extends ObjectTransformer {

    @Override
    public String table() {
        return "tags";
    }

    @Override
    public String object(Phase phase) {
        return "label";
    }

    @Override
    public TransformOutcome transform(String sourceId, JsonNode row, Phase phase, ObjectMapping mapping, TransformRun run) {
        MappedRecordDraft label = applyLines(sourceId, row, mapping, "label", run);
        if (label.rejected()) {
            return reject(label, row, run);
        }
        return TransformOutcome.of(label.toMapped("label:" + label.payload().path("name").asText(sourceId)
                .toLowerCase(Locale.ROOT), run.mapVersion()));
    }
}

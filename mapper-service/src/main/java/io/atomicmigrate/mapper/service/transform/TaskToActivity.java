package io.atomicmigrate.mapper.service.transform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.atomicmigrate.common.events.Phase;
import io.atomicmigrate.common.map.ObjectMapping;

/**
 * Where a task becomes an activity. Activities link people through {@code participants}
 * (v2: person_id is set by the primary participant), so the contact goes there.
 */
public final class TaskToActivity extends ObjectTransformer {

    @Override
    public String table() {
        return "tasks";
    }

    @Override
    public String object(Phase phase) {
        return "activity";
    }

    @Override
    public TransformOutcome transform(String sourceId, JsonNode row, Phase phase, ObjectMapping mapping, TransformRun run) {
        MappedRecordDraft activity = applyLines(sourceId, row, mapping, "activity", run);
        if (activity.rejected()) {
            return reject(activity, row, run);
        }
        JsonNode person = activity.payload().remove("person_id");
        if (person != null) {
            ArrayNode participants = activity.payload().putArray("participants");
            participants.addObject().put("person_id", person.asText()).put("primary", true);
        }
        if (!activity.payload().has("subject")) {
            activity.payload().put("subject", "Task");
            activity.warn("NO_SUBJECT", "text", "the task has no text; subject 'Task'");
        }
        return TransformOutcome.of(activity.toMapped("tasks:" + sourceId, run.mapVersion()));
    }
}

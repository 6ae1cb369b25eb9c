package io.atomicmigrate.common.events.payload;

import io.atomicmigrate.common.events.EventPayload;
import java.util.Map;

/**
 * The Pipedrive account holds everything the approved map needs, with the ids it got.
 *
 * @param pipelineIds     deal category value → pipeline id
 * @param stageIds        {@code category/stage} value → stage id
 * @param activityTypes   task type value → activity type key_string
 * @param fieldKeys       {@code entity.field} name in the map → Pipedrive field key (40-hex for custom fields)
 * @param labelIds        tag id or note status value → label option id
 * @param created         how many destination objects this setup created (0 on a re-run)
 */
public record DestinationReady(
        Map<String, Long> pipelineIds,
        Map<String, Long> stageIds,
        Map<String, String> activityTypes,
        Map<String, String> fieldKeys,
        Map<String, String> labelIds,
        int created) implements EventPayload {
}

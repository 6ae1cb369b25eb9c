package io.atomicmigrate.common.events.payload;

import io.atomicmigrate.common.events.EventPayload;

/**
 * A rollback finished: what we created was deleted, what we changed was restored.
 *
 * @param deleted  records deleted in Pipedrive
 * @param restored existing records restored to their before-image
 * @param failed   records that could not be undone (listed in the loader's REST API)
 */
public record RollbackCompleted(long deleted, long restored, long failed) implements EventPayload {
}

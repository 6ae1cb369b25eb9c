package io.atomicmigrate.common.events.payload;

import io.atomicmigrate.common.events.EventPayload;

/**
 * A new version of the field-level map is ready for a person to review.
 *
 * @param mapVersion   the version number, starting at 1
 * @param fieldLines   how many field lines the map holds
 * @param lowConfidenceLines lines with confidence below the review threshold
 * @param proposedBy   "engine", "llm" or the user who saved an edit
 */
public record MapProposed(int mapVersion, int fieldLines, int lowConfidenceLines, String proposedBy)
        implements EventPayload {
}

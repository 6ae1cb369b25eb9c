package io.atomicmigrate.common.events.payload;

import io.atomicmigrate.common.events.EventPayload;
import io.atomicmigrate.common.events.Phase;
import java.util.List;

/**
 * A run began.
 *
 * @param kind       SAMPLE, PRODUCTION or DELTA
 * @param mapVersion the approved map version the run uses
 * @param phases     the phases it will go through, in order
 * @param sampleSize for a SAMPLE run, the number of root records; 0 otherwise
 */
public record RunStarted(RunKind kind, int mapVersion, List<Phase> phases, int sampleSize) implements EventPayload {

    /** What a run moves: a small closed sample, everything, or only what changed since the last run. */
    public enum RunKind { SAMPLE, PRODUCTION, DELTA }
}

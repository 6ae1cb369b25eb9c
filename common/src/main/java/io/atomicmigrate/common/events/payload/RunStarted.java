package io.atomicmigrate.common.events.payload;

import io.atomicmigrate.common.events.EventPayload;
import io.atomicmigrate.common.events.Phase;
import java.util.List;

/**
 * A run began.
 *
 * @param kind       SAMPLE, PRODUCTION, DELTA or RETRY
 * @param mapVersion the approved map version the run uses
 * @param phases     the phases it will go through, in order
 * @param sampleSize for a SAMPLE run, the number of root records; 0 otherwise
 * @param retryOf    for a RETRY run, the run whose rejected and failed records it re-requests; null otherwise
 */
public record RunStarted(RunKind kind, int mapVersion, List<Phase> phases, int sampleSize, String retryOf)
        implements EventPayload {

    /** A run that retries nothing. */
    public RunStarted(RunKind kind, int mapVersion, List<Phase> phases, int sampleSize) {
        this(kind, mapVersion, phases, sampleSize, null);
    }

    /**
     * What a run moves: a small closed sample, everything, only what changed since the last run,
     * or (RETRY) only the records an earlier run rejected or failed, re-published by the reconciler
     * from that run's ledger after a map fix; the extractor does not read the source for it.
     */
    public enum RunKind { SAMPLE, PRODUCTION, DELTA, RETRY }
}

package io.atomicmigrate.common.events.payload;

import io.atomicmigrate.common.events.EventPayload;

/**
 * A phase reconciled: its invariant holds (DESIGN §7) and the next phase may start.
 *
 * @param counts the final counts of the phase
 */
public record PhaseCompleted(PhaseCounts counts) implements EventPayload {
}

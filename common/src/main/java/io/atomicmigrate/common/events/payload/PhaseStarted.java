package io.atomicmigrate.common.events.payload;

import io.atomicmigrate.common.events.EventPayload;
import java.util.List;

/**
 * A phase may start: the extractor streams its rows, the loader writes them.
 *
 * @param sourceTables the tables the extractor reads for this phase
 */
public record PhaseStarted(List<String> sourceTables) implements EventPayload {
}

package io.atomicmigrate.common.events.payload;

import io.atomicmigrate.common.events.EventPayload;
import java.util.Map;

/**
 * The extractor has published every row of a phase.
 *
 * @param rowCount    how many rows it published; the reconciler expects that many outcomes
 * @param perTable    the same count per source table
 * @param checksum    an order-independent checksum of the row hashes (XOR of SHA-256 prefixes, hex)
 */
public record PhaseExtracted(long rowCount, Map<String, Long> perTable, String checksum) implements EventPayload {
}

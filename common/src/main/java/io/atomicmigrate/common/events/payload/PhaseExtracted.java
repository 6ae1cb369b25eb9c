package io.atomicmigrate.common.events.payload;

import io.atomicmigrate.common.events.EventPayload;
import java.util.Map;

/**
 * The extractor has published every row of a phase.
 *
 * @param rowCount       how many rows it published; the reconciler expects that many outcomes
 * @param perTable       the same count per source table
 * @param checksum       an order-independent checksum of the row hashes (XOR of SHA-256 prefixes, hex)
 * @param deletedCount   DELTA runs: of {@code rowCount}, how many are deletions (rows gone since the last run)
 * @param unchangedCount DELTA runs: rows read but not published because their hash did not change
 */
public record PhaseExtracted(long rowCount, Map<String, Long> perTable, String checksum, long deletedCount,
                             long unchangedCount) implements EventPayload {

    /** A full or sample run: nothing deleted, nothing skipped. */
    public PhaseExtracted(long rowCount, Map<String, Long> perTable, String checksum) {
        this(rowCount, perTable, checksum, 0, 0);
    }
}

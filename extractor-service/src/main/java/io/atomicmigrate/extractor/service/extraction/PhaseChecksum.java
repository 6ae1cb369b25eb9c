package io.atomicmigrate.extractor.service.extraction;

import java.util.HexFormat;

/**
 * Order-independent checksum of a phase: XOR of the first 8 bytes of each row hash, as 16 hex
 * digits. Rows arrive over 12 partitions in any order; the reconciler recomputes the same value
 * from the records it received.
 */
public final class PhaseChecksum {

    private long value;

    /** Thread-safe: the records of two pages in flight may be counted at the same time. */
    public synchronized void add(String sha256Hex) {
        value ^= HexFormat.fromHexDigitsToLong(sha256Hex, 0, 16); // no substring: called per row
    }

    public synchronized String hex() {
        return HexFormat.of().toHexDigits(value);
    }
}

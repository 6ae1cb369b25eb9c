package io.atomicmigrate.extractor.service.extraction;

import java.util.HexFormat;

/**
 * Order-independent checksum of a phase: XOR of the first 8 bytes of each row hash, as 16 hex
 * digits. Rows arrive over 12 partitions in any order; the reconciler recomputes the same value
 * from the records it received.
 */
public final class PhaseChecksum {

    private long value;

    public void add(String sha256Hex) {
        value ^= Long.parseUnsignedLong(sha256Hex.substring(0, 16), 16);
    }

    public String hex() {
        return HexFormat.of().toHexDigits(value);
    }
}

package io.atomicmigrate.common.events.payload;

/**
 * The counts of one phase of one run. The invariants of DESIGN §7:
 * extracted = mapped + rejected, and mapped = created + merged + updated + unchanged + failed.
 */
public record PhaseCounts(long extracted, long mapped, long rejected, long created, long merged, long updated,
                          long unchanged, long failed, long deleted) {

    public static final PhaseCounts ZERO = new PhaseCounts(0, 0, 0, 0, 0, 0, 0, 0, 0);

    /** Every extracted row was either mapped or rejected. */
    public boolean extractionBalanced() {
        return extracted == mapped + rejected;
    }

    /** Every mapped record has exactly one final outcome. */
    public boolean loadBalanced() {
        return mapped == created + merged + updated + unchanged + failed;
    }

    public boolean invariantHolds() {
        return extractionBalanced() && loadBalanced();
    }
}

package io.atomicmigrate.common.events.payload;

/**
 * The counts of one phase of one run. The invariants of DESIGN §7, with the explicit skips of
 * {@link RecordMapped.Action#SKIP}: extracted = mapped + rejected + skipped, and
 * mapped = created + merged + updated + unchanged + deleted + failed.
 *
 * @param mapped  records the mapper asked the loader to write or delete (UPSERT and DELETE)
 * @param skipped rows that produce no write in this phase under the approved map (SKIP), e.g. a
 *                contact that is a Person, not a Lead, read again in the LEADS phase
 * @param deleted records the loader deleted because a delta run saw their source row deleted
 */
public record PhaseCounts(long extracted, long mapped, long rejected, long created, long merged, long updated,
                          long unchanged, long failed, long deleted, long skipped) {

    public static final PhaseCounts ZERO = new PhaseCounts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /** The shape before skips were explicit. */
    public PhaseCounts(long extracted, long mapped, long rejected, long created, long merged, long updated,
                       long unchanged, long failed, long deleted) {
        this(extracted, mapped, rejected, created, merged, updated, unchanged, failed, deleted, 0);
    }

    /** Every extracted row was mapped, rejected or skipped. */
    public boolean extractionBalanced() {
        return extracted == mapped + rejected + skipped;
    }

    /** Every mapped record has exactly one final outcome. */
    public boolean loadBalanced() {
        return mapped == created + merged + updated + unchanged + deleted + failed;
    }

    public boolean invariantHolds() {
        return extractionBalanced() && loadBalanced();
    }
}

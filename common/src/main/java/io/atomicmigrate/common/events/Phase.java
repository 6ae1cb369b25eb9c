package io.atomicmigrate.common.events;

import java.util.List;

/**
 * The load phases of a run, in dependency order (DESIGN §1 step 8): a phase starts only
 * after the one before it has reconciled, because its records reference the earlier ones.
 */
public enum Phase {
    /**
     * The CRM's users and tags come first, with the companies: every later record references an
     * owner (a sales row, matched to a Pipedrive user by e-mail) and persons reference labels (tags).
     */
    ORGANIZATIONS("sales", "tags", "companies"),
    PERSONS("contacts"),
    LEADS("contacts"),
    DEALS("deals"),
    NOTES("contact_notes", "deal_notes"),
    ACTIVITIES("tasks"),
    FILES("contact_notes", "deal_notes");

    private final List<String> sourceTables;

    Phase(String... sourceTables) {
        this.sourceTables = List.of(sourceTables);
    }

    /** The Atomic CRM tables whose rows feed this phase. */
    public List<String> sourceTables() {
        return sourceTables;
    }

    /** The phase after this one, or null for the last. */
    public Phase next() {
        Phase[] all = values();
        return ordinal() + 1 < all.length ? all[ordinal() + 1] : null;
    }
}

package io.atomicmigrate.mapper.service.transform;

/**
 * Which source ids exist, so that ids in arrays without a foreign key (contacts.tags,
 * deals.contact_ids, tasks.sales_id) can be recognised as dangling.
 */
public interface KnownSourceIds {

    /** True or false when this table's ids are known; null when they are not (then nothing is judged dangling). */
    Boolean contains(String table, String sourceId);

    /** Knows nothing: every reference is passed on for the loader to resolve. */
    KnownSourceIds NONE = (table, id) -> null;
}

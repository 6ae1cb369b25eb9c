package io.atomicmigrate.extractor.service.extraction;

/**
 * One table to read in a phase.
 *
 * @param table     canonical (current) table name, used on the events
 * @param qualified the physical, quoted name, e.g. {@code public."contactNotes"}
 * @param with      a WITH clause (sample scope) or empty
 * @param filter    an extra condition on alias {@code t} (sample membership, has attachments) or empty
 */
public record TableRead(String table, String qualified, String with, String filter) {

    /** Keyset pagination on the primary key: {@code $1} the last id seen, {@code $2} the page size. */
    public String pageSql() {
        return (with.isEmpty() ? "" : with + " ")
                + "SELECT t.id, to_jsonb(t)::text FROM " + qualified + " t WHERE t.id > $1"
                + (filter.isEmpty() ? "" : " AND (" + filter + ")") + " ORDER BY t.id LIMIT $2";
    }
}

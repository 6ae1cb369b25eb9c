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

    /**
     * One keyset page: {@code $1} is the last id seen; the columns are {@link RowReader#selectList()}
     * (typed columns, not {@code row_to_json}: see there). The page size is a literal: with
     * {@code LIMIT $2} the cached generic plan cannot see the limit is small and may sort the whole
     * table for every page.
     */
    public String pageSql(String selectList, int pageSize) {
        return (with.isEmpty() ? "" : with + " ")
                + "SELECT " + selectList + " FROM " + qualified + " t WHERE t.id > $1"
                + (filter.isEmpty() ? "" : " AND (" + filter + ")") + " ORDER BY t.id LIMIT " + pageSize;
    }
}

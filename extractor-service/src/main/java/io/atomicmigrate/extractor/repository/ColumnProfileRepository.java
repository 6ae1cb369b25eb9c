package io.atomicmigrate.extractor.repository;

import io.atomicmigrate.common.events.payload.MigrationDiscovered.ColumnProfile;
import io.atomicmigrate.extractor.service.source.SourceLayout;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Profiles of column values (fill rate, distinct values, longest value, most frequent values) for
 * the map proposal and the review page. They are taken over the first {@code sampleRows} rows of a
 * table, so discovery costs the same on a million contacts as on five hundred; fill rates and
 * patterns are what the proposal needs, not exact totals (those are the row counts).
 */
public final class ColumnProfileRepository {

    /** Values are cut to this many characters: a profile shows what a value looks like, not a whole note. */
    static final int MAX_VALUE_CHARS = 200;
    private static final int TOP_VALUES = 10;
    private static final int SAMPLES = 5;
    /** NULL, '' and empty arrays/objects all mean "no value" in Atomic CRM rows (ATOMIC_CRM.md §3.1). */
    private static final String HAS_VALUE = "v IS NOT NULL AND v NOT IN ('', '{}', '[]')";

    private ColumnProfileRepository() {
    }

    public static List<ColumnProfile> profile(Connection c, String canonicalTable, String qualifiedTable,
                                              List<String> columns, int sampleRows) throws SQLException {
        List<ColumnProfile> profiles = new ArrayList<>();
        for (String column : columns) {
            String quoted = SourceLayout.quote(column);
            String values = "(SELECT " + quoted + "::text AS v FROM " + qualifiedTable
                    + " LIMIT " + sampleRows + ") s";
            // An array column's options are its elements, not its literals: '{English,French}' is two
            // languages. Fill rate and length stay per row; distinct and top values count elements.
            String elements = isArray(c, qualifiedTable, column)
                    ? "(SELECT unnest(" + quoted + ")::text AS v FROM (SELECT " + quoted + " FROM " + qualifiedTable
                    + " LIMIT " + sampleRows + ") r) s"
                    : values;
            long rows;
            long nonNull;
            long distinct;
            Integer maxLength;
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*), count(*) FILTER (WHERE "
                    + HAS_VALUE + "), max(length(v)) FILTER (WHERE " + HAS_VALUE + ") FROM " + values)) {
                rs.next();
                rows = rs.getLong(1);
                nonNull = rs.getLong(2);
                int max = rs.getInt(3);
                maxLength = rs.wasNull() ? null : max;
            }
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(DISTINCT v) FILTER (WHERE "
                    + HAS_VALUE + ") FROM " + elements)) {
                rs.next();
                distinct = rs.getLong(1);
            }
            Map<String, Long> top = new LinkedHashMap<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT left(v, " + MAX_VALUE_CHARS
                    + "), count(*) FROM " + elements + " WHERE " + HAS_VALUE + " GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT "
                    + TOP_VALUES)) {
                while (rs.next()) {
                    top.put(rs.getString(1), rs.getLong(2));
                }
            }
            List<String> samples = top.keySet().stream().limit(SAMPLES).toList();
            profiles.add(new ColumnProfile(canonicalTable, column, rows, nonNull, distinct, maxLength, samples, top));
        }
        return profiles;
    }

    /** Whether the column is an array (its type name in pg_attribute starts with '_'). */
    private static boolean isArray(Connection c, String qualifiedTable, String column) throws SQLException {
        try (var ps = c.prepareStatement("SELECT t.typcategory = 'A' FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid"
                + " WHERE a.attrelid = ?::regclass AND a.attname = ?")) {
            ps.setString(1, qualifiedTable);
            ps.setString(2, column);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }
}

package io.atomicmigrate.mapper.service.proposal;

import java.util.List;
import java.util.Map;

/**
 * What the values of one source column look like: the input that refines a custom column's
 * proposal beyond its Postgres type, and what the review page shows next to each line.
 * Discovery publishes it as {@code columnProfiles} in the migration.discovered payload (the same JSON
 * shape as {@code MigrationDiscovered.ColumnProfile}); REST {@code PUT .../profiles} can replace it.
 *
 * @param rows      rows in the table
 * @param nonNull   rows where the column is not NULL (and not an empty array or string)
 * @param distinct  distinct non-null values (array columns: distinct elements)
 * @param maxLength longest text value, in characters
 * @param samples   a few example values, as text
 * @param topValues the most frequent values (array columns: elements) with their counts; complete when
 *                  {@code distinct} is no larger than its size
 */
public record ColumnProfile(String table, String column, long rows, long nonNull, Long distinct, Integer maxLength,
                            List<String> samples, Map<String, Long> topValues) {

    public ColumnProfile {
        samples = samples == null ? List.of() : List.copyOf(samples);
        topValues = topValues == null ? Map.of() : Map.copyOf(topValues);
    }

    /** Share of rows with a value, 0–1. */
    public double fillRate() {
        return rows == 0 ? 0 : (double) nonNull / rows;
    }

    public String key() {
        return table + "." + column;
    }
}

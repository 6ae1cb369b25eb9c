package io.atomicmigrate.common.events.payload;

import io.atomicmigrate.common.events.EventPayload;
import java.util.List;
import java.util.Map;

/**
 * What discovery found in the source database.
 *
 * @param schemaGeneration  CURRENT, PRE_2026 or V2024 (ATOMIC_CRM.md §12)
 * @param rowCounts         exact row counts per table
 * @param customColumns     columns that are not part of the standard schema of that generation
 * @param missingColumns    standard columns the database lacks, as {@code table.column}
 * @param configSources     per configuration key, where its value came from: DATABASE, APP_TSX or DEFAULT
 * @param unknownConfigValues values seen in config-backed columns but absent from the configuration
 * @param warnings          things a person should read before approving a map
 */
public record MigrationDiscovered(
        String schemaGeneration,
        Map<String, Long> rowCounts,
        List<CustomColumn> customColumns,
        List<String> missingColumns,
        Map<String, String> configSources,
        List<UnknownValue> unknownConfigValues,
        List<String> warnings) implements EventPayload {

    /** A column added in Supabase Studio, with its exact Postgres type. */
    public record CustomColumn(String table, String column, String dataType, String udtName, boolean nullable,
                               List<String> enumLabels) {
    }

    /** A value present in the data and absent from the effective configuration. */
    public record UnknownValue(String table, String column, String value, long count) {
    }
}

package io.atomicmigrate.common.events.payload;

import com.fasterxml.jackson.databind.JsonNode;
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
 * @param distinctValues    per config-backed column ({@code table.column}), each non-null value and its row count
 * @param attachments       per note table, the attachment inventory
 * @param effectiveConfig   the resolved CRM configuration (every key of ATOMIC_CRM.md §5.2 that has a value),
 *                          so the map proposal needs no second look at the source
 * @param columnProfiles    what the values of each migrated column look like (fill rate, distinct values,
 *                          samples), profiled over a bounded sample of rows: the map proposal refines types
 *                          with them and the review page shows them next to each line
 */
public record MigrationDiscovered(
        String schemaGeneration,
        Map<String, Long> rowCounts,
        List<CustomColumn> customColumns,
        List<String> missingColumns,
        Map<String, String> configSources,
        List<UnknownValue> unknownConfigValues,
        List<String> warnings,
        Map<String, Map<String, Long>> distinctValues,
        Map<String, AttachmentInventory> attachments,
        JsonNode effectiveConfig,
        List<ColumnProfile> columnProfiles) implements EventPayload {

    /** The shape before column profiles were added. */
    public MigrationDiscovered(String schemaGeneration, Map<String, Long> rowCounts, List<CustomColumn> customColumns,
                               List<String> missingColumns, Map<String, String> configSources,
                               List<UnknownValue> unknownConfigValues, List<String> warnings,
                               Map<String, Map<String, Long>> distinctValues,
                               Map<String, AttachmentInventory> attachments, JsonNode effectiveConfig) {
        this(schemaGeneration, rowCounts, customColumns, missingColumns, configSources, unknownConfigValues, warnings,
                distinctValues, attachments, effectiveConfig, null);
    }

    /** The shape before distinct values, attachments and the effective config were added. */
    public MigrationDiscovered(String schemaGeneration, Map<String, Long> rowCounts, List<CustomColumn> customColumns,
                               List<String> missingColumns, Map<String, String> configSources,
                               List<UnknownValue> unknownConfigValues, List<String> warnings) {
        this(schemaGeneration, rowCounts, customColumns, missingColumns, configSources, unknownConfigValues, warnings,
                null, null, null, null);
    }

    /** A column added in Supabase Studio, with its exact Postgres type. */
    public record CustomColumn(String table, String column, String dataType, String udtName, boolean nullable,
                               List<String> enumLabels) {
    }

    /** A value present in the data and absent from the effective configuration. */
    public record UnknownValue(String table, String column, String value, long count) {
    }

    /**
     * Files referenced by one note table.
     *
     * @param notesWithAttachments notes whose {@code attachments} array has at least one element
     * @param files                array elements in total (one per file)
     * @param filesWithoutPath     elements without a {@code path}: they point outside the bucket (§3.4)
     */
    public record AttachmentInventory(long notesWithAttachments, long files, long filesWithoutPath) {
    }

    /**
     * The values of one column, profiled over the first {@code rows} rows of its table.
     *
     * @param rows      rows profiled (a bounded sample of the table; see the table's row count for the total)
     * @param nonNull   rows where the column holds a value (not NULL, not '', not an empty array or object)
     * @param distinct  distinct values among those
     * @param maxLength longest value as text, in characters; null when there is none
     * @param samples   a few frequent values as text, each cut to 200 characters
     * @param topValues the most frequent values (cut to 200 characters) with their counts
     */
    public record ColumnProfile(String table, String column, long rows, long nonNull, Long distinct, Integer maxLength,
                               List<String> samples, Map<String, Long> topValues) {
    }
}

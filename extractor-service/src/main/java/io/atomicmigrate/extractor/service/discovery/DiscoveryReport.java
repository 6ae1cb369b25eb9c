package io.atomicmigrate.extractor.service.discovery;

import com.fasterxml.jackson.databind.JsonNode;
import io.atomicmigrate.common.events.payload.MigrationDiscovered;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything discovery found, as stored and served by {@code GET /migrations/{id}/discovery}.
 * The {@code migration.discovered} event carries the parts other services act on.
 */
public record DiscoveryReport(
        String migrationId,
        Instant discoveredAt,
        String schemaGeneration,
        Role role,
        List<Table> tables,
        List<ForeignKey> foreignKeys,
        Map<String, Long> rowCounts,
        List<MigrationDiscovered.CustomColumn> customColumns,
        List<String> missingColumns,
        List<String> extraTables,
        Map<String, Map<String, Long>> distinctValues,
        Map<String, MigrationDiscovered.AttachmentInventory> attachments,
        Volumes volumes,
        JsonNode effectiveConfig,
        Map<String, String> configSources,
        List<MigrationDiscovered.UnknownValue> unknownConfigValues,
        List<String> warnings,
        List<MigrationDiscovered.ColumnProfile> columnProfiles) {

    /** The role discovery ran as, and what exempts it from RLS. */
    public record Role(String name, boolean superuser, boolean bypassRls, boolean memberOfAuthenticated) {
    }

    /** One table of schema public with RLS status and the role's privilege. */
    public record Table(String name, String canonicalName, String owner, boolean rlsEnabled, boolean rlsForced,
                        boolean roleCanSelect, List<Column> columns) {
    }

    /**
     * One column with its exact type: {@code type} is {@code format_type} (e.g. {@code numeric(12,2)},
     * {@code bigint[]}, {@code extensions.citext}); dataType/udtName as information_schema reports them.
     */
    public record Column(String name, String type, String dataType, String udtName, String udtSchema,
                         boolean nullable, String defaultValue, boolean identity, String domainBaseType,
                         List<String> enumLabels) {
    }

    public record ForeignKey(String name, String table, List<String> columns, String refTable,
                             List<String> refColumns, String onUpdate, String onDelete) {
    }

    /**
     * Counts the load estimate needs beyond row counts.
     *
     * @param leadCandidates       contacts with no company and in no deal (the default lead rule)
     * @param extraDealParticipants deal contacts beyond the first of each deal (one participant call each)
     * @param tagsInUse            distinct tag ids referenced by contacts
     */
    public record Volumes(long leadCandidates, long extraDealParticipants, long tagsInUse) {
    }

    public MigrationDiscovered toEvent() {
        return new MigrationDiscovered(schemaGeneration, rowCounts, customColumns, missingColumns, configSources,
                unknownConfigValues, warnings, distinctValues, attachments, effectiveConfig, columnProfiles);
    }
}

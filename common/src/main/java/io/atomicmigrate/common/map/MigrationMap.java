package io.atomicmigrate.common.map;

import java.util.List;
import java.util.Objects;

/**
 * The field-level map of one migration (DESIGN §6): what every Atomic CRM object and column
 * becomes in Pipedrive, and the global decisions that are not about one column. It is the
 * contract between the mapper (which proposes it, gets it approved and applies it to rows) and
 * the loader (which prepares the destination from its global sections: pipelines, stages,
 * activity types, custom fields, labels, owners). The JSON form is published as
 * {@code schemas/map.schema.json}.
 *
 * @param migrationId     the migration this map belongs to
 * @param version         1, 2, ...: every saved edit is a new version; only an approved version moves records
 * @param sourceGeneration schema generation of the source (CURRENT, PRE_2026, V2024), as discovery reported it
 * @param currency        ISO 4217 code every deal amount is in (Atomic CRM has one global currency)
 * @param objects         one entry per source table that is migrated, or explicitly not migrated
 * @param owners          how Atomic CRM sales rows become Pipedrive users
 * @param pipelines       deal categories → Pipedrive pipelines
 * @param stages          deal stages → pipeline stages (every pipeline gets the same stages, in this order)
 * @param activityTypes   task types → Pipedrive activity types
 * @param labels          tags → person labels, with the nearest Pipedrive colour
 * @param noteStatuses    what happens to contact-note statuses, which Pipedrive notes cannot hold
 * @param dedup           how persons and organizations already in Pipedrive are matched
 * @param unknownValues   what to do with config-backed values absent from the configuration
 * @param personLeadRule  when a contact becomes a Person, a Lead, or both
 */
public record MigrationMap(
        String migrationId,
        int version,
        String sourceGeneration,
        String currency,
        List<ObjectMapping> objects,
        OwnerPolicy owners,
        List<PipelineMapping> pipelines,
        List<StageMapping> stages,
        List<ActivityTypeMapping> activityTypes,
        LabelPolicy labels,
        NoteStatusPolicy noteStatuses,
        DedupPolicy dedup,
        UnknownValuePolicy unknownValues,
        PersonLeadRule personLeadRule) {

    public MigrationMap {
        objects = objects == null ? List.of() : List.copyOf(objects);
        pipelines = pipelines == null ? List.of() : List.copyOf(pipelines);
        stages = stages == null ? List.of() : List.copyOf(stages);
        activityTypes = activityTypes == null ? List.of() : List.copyOf(activityTypes);
    }

    /** The mapping of one source table, or null when the map does not mention it. */
    public ObjectMapping object(String sourceTable) {
        for (ObjectMapping o : objects) {
            if (o.source().equals(sourceTable)) {
                return o;
            }
        }
        return null;
    }

    /** The same map under another version number (an edit is saved as the next version). */
    public MigrationMap withVersion(int newVersion) {
        return new MigrationMap(migrationId, newVersion, sourceGeneration, currency, objects, owners, pipelines,
                stages, activityTypes, labels, noteStatuses, dedup, unknownValues, personLeadRule);
    }

    public MigrationMap withMigrationId(String id) {
        return new MigrationMap(Objects.requireNonNull(id), version, sourceGeneration, currency, objects, owners,
                pipelines, stages, activityTypes, labels, noteStatuses, dedup, unknownValues, personLeadRule);
    }

    public MigrationMap withObjects(List<ObjectMapping> newObjects) {
        return new MigrationMap(migrationId, version, sourceGeneration, currency, newObjects, owners, pipelines,
                stages, activityTypes, labels, noteStatuses, dedup, unknownValues, personLeadRule);
    }

    /** Every field line of every object. */
    public List<FieldLine> allLines() {
        return objects.stream().flatMap(o -> o.fields().stream()).toList();
    }
}

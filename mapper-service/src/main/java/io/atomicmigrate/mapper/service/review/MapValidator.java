package io.atomicmigrate.mapper.service.review;

import io.atomicmigrate.common.map.ActivityTypeMapping;
import io.atomicmigrate.common.map.CustomFieldSpec;
import io.atomicmigrate.common.map.FieldLine;
import io.atomicmigrate.common.map.FieldType;
import io.atomicmigrate.common.map.MigrationMap;
import io.atomicmigrate.common.map.ObjectMapping;
import io.atomicmigrate.common.map.PipelineMapping;
import io.atomicmigrate.common.map.StageMapping;
import io.atomicmigrate.common.map.Target;
import io.atomicmigrate.common.map.TransformKind;
import io.atomicmigrate.mapper.service.proposal.ColumnProfile;
import io.atomicmigrate.mapper.service.proposal.ValuePatterns;
import io.atomicmigrate.mapper.service.transform.MapLookups;
import io.atomicmigrate.mapper.service.values.NearestPipedriveColour;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a map version before it may be approved: conflicts (two lines into one destination
 * field), types that cannot hold the source values, option fields missing values seen in the
 * data, required destination fields left unmapped, and every malformed part, each with a message
 * that says what to change.
 */
public final class MapValidator {

    private static final Set<String> DESTINATIONS = SourceSchema.STANDARD_FIELDS.keySet();

    /**
     * What is known about the source.
     *
     * @param customColumns  table → custom column names discovery reported
     * @param profiles       table.column → value profile
     * @param distinctValues table.column → value → rows, from discovery (config-backed columns)
     */
    public record SourceFacts(Map<String, Set<String>> customColumns, Map<String, ColumnProfile> profiles,
                              Map<String, Map<String, Long>> distinctValues) {

        public static final SourceFacts NONE = new SourceFacts(Map.of(), Map.of(), Map.of());

        /** Values seen in a column: the profile's top values, else discovery's distinct values. */
        Collection<String> seen(String table, String column) {
            ColumnProfile p = profiles.get(table + "." + column);
            if (p != null && !p.topValues().isEmpty()) {
                return p.topValues().keySet();
            }
            Map<String, Long> d = distinctValues.get(table + "." + column);
            return d == null ? List.of() : d.keySet();
        }
    }

    public List<ValidationIssue> validate(MigrationMap map, SourceFacts facts) {
        List<ValidationIssue> issues = new ArrayList<>();
        if (map.migrationId() == null || map.migrationId().isBlank()) {
            issues.add(ValidationIssue.error("MISSING_MIGRATION_ID", null, null, "migrationId", "the map names no migration"));
        }
        if (map.currency() == null || !map.currency().matches("[A-Z]{3}")) {
            issues.add(ValidationIssue.error("INVALID_CURRENCY", null, null, "currency", "currency '" + map.currency()
                    + "' is not a three-letter ISO 4217 code such as USD"));
        }
        Set<String> sources = new HashSet<>();
        for (ObjectMapping object : map.objects()) {
            if (!sources.add(object.source())) {
                issues.add(ValidationIssue.error("DUPLICATE_OBJECT", object.source(), null,
                        "objects[" + object.source() + "]", "table '" + object.source() + "' is mapped twice"));
            }
            validateObject(map, object, facts, issues);
        }
        validateGlobals(map, facts, issues);
        return issues;
    }

    private void validateObject(MigrationMap map, ObjectMapping object, SourceFacts facts, List<ValidationIssue> issues) {
        String table = object.source();
        String where = "objects[" + table + "]";
        Set<String> standardColumns = SourceSchema.STANDARD_COLUMNS.get(table);
        if (standardColumns == null) {
            issues.add(ValidationIssue.error("UNKNOWN_OBJECT", table, null, where + ".source", "'" + table
                    + "' is not an Atomic CRM table; known: " + new java.util.TreeSet<>(SourceSchema.STANDARD_COLUMNS.keySet())));
            return;
        }
        if (!DESTINATIONS.contains(object.destination())) {
            issues.add(ValidationIssue.error("UNKNOWN_DESTINATION", table, null, where + ".destination", "'"
                    + object.destination() + "' is not a Pipedrive object; use one of " + new java.util.TreeSet<>(DESTINATIONS)));
            return;
        }
        Set<String> allowedFields = SourceSchema.STANDARD_FIELDS.get(object.destination());
        Set<String> customColumns = facts.customColumns().getOrDefault(table, Set.of());
        Map<String, FieldLine> byDestination = new HashMap<>();
        Set<String> ids = new HashSet<>();
        Set<String> targeted = new HashSet<>();
        for (FieldLine line : object.fields()) {
            String lp = where + ".fields[" + line.id() + "]";
            if (line.id() == null || line.id().isBlank()) {
                issues.add(ValidationIssue.error("MISSING_LINE_ID", table, null, lp, "every line needs an id"));
                continue;
            }
            if (!ids.add(line.id())) {
                issues.add(ValidationIssue.error("DUPLICATE_LINE_ID", table, line.id(), lp, "line id '" + line.id()
                        + "' appears twice in " + table));
            }
            if (line.confidence() < 0 || line.confidence() > 1) {
                issues.add(ValidationIssue.error("INVALID_CONFIDENCE", table, line.id(), lp + ".confidence",
                        "confidence " + line.confidence() + " is outside 0–1"));
            }
            if (line.reason() == null || line.reason().isBlank()) {
                issues.add(ValidationIssue.error("MISSING_REASON", table, line.id(), lp + ".reason",
                        "every line says why, in words"));
            }
            for (String column : line.sources()) {
                if (!standardColumns.contains(column) && !customColumns.contains(column)) {
                    issues.add(ValidationIssue.error("UNKNOWN_SOURCE_COLUMN", table, line.id(), lp + ".sources",
                            "'" + column + "' is neither a standard column of " + table + " nor a custom column discovery found"));
                }
            }
            Target target = line.target();
            if (target == null || target.kind() == null) {
                issues.add(ValidationIssue.error("MISSING_TARGET", table, line.id(), lp + ".target",
                        "the line says neither a standard field, a custom field nor a loss"));
                continue;
            }
            if (line.transform() == null || line.transform().kind() == null) {
                issues.add(ValidationIssue.error("MISSING_TRANSFORM", table, line.id(), lp + ".transform",
                        "the line names no transform (use NONE for a loss)"));
                continue;
            }
            switch (target.kind()) {
                case STANDARD -> {
                    if (target.field() == null || !allowedFields.contains(target.field())) {
                        issues.add(ValidationIssue.error("UNKNOWN_STANDARD_FIELD", table, line.id(), lp + ".target.field",
                                "'" + target.field() + "' is not a standard field of a Pipedrive " + object.destination()
                                        + "; known: " + new java.util.TreeSet<>(allowedFields)));
                    } else {
                        targeted.add(target.field());
                    }
                }
                case CUSTOM -> validateCustom(table, line, lp, issues);
                case LOSS -> {
                    if (line.required()) {
                        issues.add(ValidationIssue.error("REQUIRED_LOSS", table, line.id(), lp + ".required",
                                "a documented loss cannot be required"));
                    }
                }
            }
            String key = target.destinationKey();
            if (key != null) {
                FieldLine other = byDestination.putIfAbsent(key, line);
                if (other != null) {
                    issues.add(ValidationIssue.error("DUPLICATE_DESTINATION", table, line.id(), lp + ".target",
                            "lines '" + other.id() + "' and '" + line.id() + "' both write " + describe(target)
                                    + "; map one of them elsewhere or mark it a loss"));
                }
            }
            String mismatch = TransformTargets.mismatch(line.transform().kind(), target);
            if (mismatch != null) {
                issues.add(ValidationIssue.error("INCOMPATIBLE_TRANSFORM", table, line.id(), lp + ".transform",
                        mismatch + ", not " + (target.kind() == Target.TargetKind.STANDARD ? "standard field '"
                                + target.field() + "'" : (target.custom() == null || target.custom().type() == null
                                ? "a custom field without a type" : "a custom field of type " + target.custom().type().wireName()))));
            }
            validateParams(line, lp, table, issues);
            validateValuesFit(table, line, lp, facts, issues);
        }
        for (List<String> anyOf : SourceSchema.REQUIRED_FIELDS.getOrDefault(object.destination(), List.of())) {
            if (anyOf.stream().noneMatch(targeted::contains)) {
                issues.add(ValidationIssue.error("REQUIRED_UNMAPPED", table, null, where + ".fields",
                        "a Pipedrive " + object.destination() + " needs " + String.join(" or ", anyOf)
                                + ", and no line of " + table + " fills it"));
            }
        }
    }

    private static String describe(Target t) {
        return t.kind() == Target.TargetKind.STANDARD ? "standard field '" + t.field() + "'"
                : "custom field '" + t.custom().name() + "'";
    }

    private void validateCustom(String table, FieldLine line, String lp, List<ValidationIssue> issues) {
        CustomFieldSpec spec = line.target().custom();
        if (spec == null) {
            issues.add(ValidationIssue.error("MISSING_CUSTOM_FIELD", table, line.id(), lp + ".target.custom",
                    "a CUSTOM target needs the field's name and type"));
            return;
        }
        if (spec.name() == null || spec.name().isBlank() || spec.name().length() > 255) {
            issues.add(ValidationIssue.error("INVALID_CUSTOM_FIELD_NAME", table, line.id(), lp + ".target.custom.name",
                    "a custom field needs a name of 1 to 255 characters"));
        }
        if (spec.type() == null) {
            issues.add(ValidationIssue.error("MISSING_FIELD_TYPE", table, line.id(), lp + ".target.custom.type",
                    "the custom field needs a Pipedrive type"));
        } else if ((spec.type() == FieldType.ENUM || spec.type() == FieldType.SET) && spec.options().isEmpty()) {
            issues.add(ValidationIssue.error("ENUM_WITHOUT_OPTIONS", table, line.id(), lp + ".target.custom.options",
                    "an " + spec.type().wireName() + " field needs at least one option"));
        } else if (spec.type() != FieldType.ENUM && spec.type() != FieldType.SET && !spec.options().isEmpty()) {
            issues.add(ValidationIssue.warning("OPTIONS_IGNORED", table, line.id(), lp + ".target.custom.options",
                    "options are only used by enum and set fields"));
        }
        if ("atomic_crm_id".equalsIgnoreCase(spec.name())) {
            issues.add(ValidationIssue.error("RESERVED_FIELD_NAME", table, line.id(), lp + ".target.custom.name",
                    "'atomic_crm_id' is the loader's idempotency marker field"));
        }
    }

    private void validateParams(FieldLine line, String lp, String table, List<ValidationIssue> issues) {
        Map<String, String> p = line.transform().params();
        String maxLength = p.get("maxLength");
        if (maxLength != null) {
            try {
                if (Integer.parseInt(maxLength.trim()) <= 0) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                issues.add(ValidationIssue.error("INVALID_PARAMETER", table, line.id(), lp + ".transform.params.maxLength",
                        "maxLength '" + maxLength + "' is not a positive whole number"));
            }
        }
        checkOneOf(p, "onOverflow", Set.of("truncate", "reject"), line, lp, table, issues);
        checkOneOf(p, "onInvalid", Set.of("drop", "reject"), line, lp, table, issues);
        checkOneOf(p, "format", Set.of("rfc3339", "pipedrive-v1"), line, lp, table, issues);
        TransformKind kind = line.transform().kind();
        if (kind == TransformKind.REFERENCE && !SourceSchema.STANDARD_COLUMNS.containsKey(p.getOrDefault("table", ""))) {
            issues.add(ValidationIssue.error("INVALID_PARAMETER", table, line.id(), lp + ".transform.params.table",
                    "REFERENCE needs 'table', the Atomic CRM table the column points at"));
        }
        if (kind == TransformKind.CODE_MAP || kind == TransformKind.CONFIG_OPTION) {
            try {
                MapLookups.parseCodeTable(p.get("map"));
            } catch (IllegalArgumentException e) {
                issues.add(ValidationIssue.error("INVALID_PARAMETER", table, line.id(), lp + ".transform.params.map",
                        e.getMessage()));
            }
        }
        if (line.target().kind() == Target.TargetKind.LOSS && kind != TransformKind.NONE) {
            issues.add(ValidationIssue.warning("TRANSFORM_IGNORED", table, line.id(), lp + ".transform",
                    "a loss writes nothing; the transform is ignored"));
        }
        if (line.target().kind() != Target.TargetKind.LOSS && kind == TransformKind.NONE) {
            issues.add(ValidationIssue.error("NO_TRANSFORM", table, line.id(), lp + ".transform",
                    "transform NONE writes nothing into " + describe(line.target()) + "; pick a transform or make it a loss"));
        }
    }

    private static void checkOneOf(Map<String, String> p, String name, Set<String> allowed, FieldLine line, String lp,
                                   String table, List<ValidationIssue> issues) {
        String v = p.get(name);
        if (v != null && !allowed.contains(v)) {
            issues.add(ValidationIssue.error("INVALID_PARAMETER", table, line.id(), lp + ".transform.params." + name,
                    name + " '" + v + "' must be one of " + new java.util.TreeSet<>(allowed)));
        }
    }

    /** The type can hold what the profile says the column holds, and option fields list every value seen. */
    private void validateValuesFit(String table, FieldLine line, String lp, SourceFacts facts, List<ValidationIssue> issues) {
        if (line.target().kind() != Target.TargetKind.CUSTOM || line.target().custom() == null
                || line.target().custom().type() == null || line.source() == null) {
            return;
        }
        CustomFieldSpec spec = line.target().custom();
        ColumnProfile profile = facts.profiles().get(table + "." + line.source());
        FieldType type = spec.type();
        if (profile != null && profile.maxLength() != null && type.maxLength() > 0
                && profile.maxLength() > type.maxLength() && line.transform().kind() == TransformKind.TEXT) {
            int limit = line.transform().params().containsKey("maxLength")
                    ? parseOr(line.transform().params().get("maxLength"), type.maxLength()) : type.maxLength();
            boolean truncate = !"reject".equals(line.transform().param("onOverflow", "truncate"));
            String message = "values are up to " + profile.maxLength() + " characters and a " + type.wireName()
                    + " field holds " + type.maxLength();
            if (truncate && limit <= type.maxLength()) {
                issues.add(ValidationIssue.warning("VALUES_TRUNCATED", table, line.id(), lp + ".target.custom.type",
                        message + "; longer values will be truncated with a warning"));
            } else {
                issues.add(ValidationIssue.error("TYPE_CANNOT_HOLD", table, line.id(), lp + ".target.custom.type",
                        message + (truncate ? "" : ", and onOverflow=reject would reject those rows")
                                + "; use a text field or truncate"));
            }
        }
        if (profile != null && !profile.samples().isEmpty()) {
            ValuePatterns.Kind kind = ValuePatterns.dominant(profile.samples());
            boolean numericType = type == FieldType.DOUBLE || type == FieldType.MONETARY;
            if (numericType && kind != ValuePatterns.Kind.NUMBER && !isNumericUdtProfile(profile)) {
                issues.add(ValidationIssue.error("TYPE_CANNOT_HOLD", table, line.id(), lp + ".target.custom.type",
                        "a " + type.wireName() + " field holds numbers and values such as '" + profile.samples().get(0)
                                + "' are not"));
            }
            if (type == FieldType.DATE && kind != ValuePatterns.Kind.DATE && !looksLikeTimestamps(profile)) {
                issues.add(ValidationIssue.error("TYPE_CANNOT_HOLD", table, line.id(), lp + ".target.custom.type",
                        "a date field holds dates and values such as '" + profile.samples().get(0) + "' are not"));
            }
        }
        if (type == FieldType.ENUM || type == FieldType.SET) {
            Collection<String> seen = facts.seen(table, line.source());
            if (!seen.isEmpty()) {
                Map<String, String> codes = Map.of();
                if (line.transform().kind() == TransformKind.CODE_MAP || line.transform().kind() == TransformKind.CONFIG_OPTION) {
                    try {
                        codes = MapLookups.parseCodeTable(line.transform().param("map", ""));
                    } catch (IllegalArgumentException e) {
                        return; // reported by validateParams
                    }
                }
                Set<String> options = new HashSet<>(spec.options());
                Set<String> missing = new LinkedHashSet<>();
                for (String value : seen) {
                    String mapped = line.transform().kind() == TransformKind.BOOLEAN_OPTION
                            ? ("true".equals(value) ? line.transform().param("yes", "Yes") : line.transform().param("no", "No"))
                            : codes.isEmpty() ? value : MapLookups.lookupCode(codes, value);
                    if (mapped == null || !options.contains(mapped)) {
                        missing.add(mapped == null ? value : mapped);
                    }
                }
                if (!missing.isEmpty()) {
                    issues.add(ValidationIssue.error("ENUM_MISSING_OPTIONS", table, line.id(), lp + ".target.custom.options",
                            "values seen in the data have no option: " + missing + "; add them as options"
                                    + (codes.isEmpty() ? "" : " (or map them to existing ones)")));
                }
            }
        }
    }

    private static boolean isNumericUdtProfile(ColumnProfile p) {
        return p.samples().stream().allMatch(s -> s.matches("-?\\d+(\\.\\d+)?"));
    }

    private static boolean looksLikeTimestamps(ColumnProfile p) {
        return p.samples().stream().allMatch(s -> s.matches("\\d{4}-\\d{2}-\\d{2}[T ].*"));
    }

    private static int parseOr(String s, int fallback) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private void validateGlobals(MigrationMap map, SourceFacts facts, List<ValidationIssue> issues) {
        if (map.owners() == null) {
            issues.add(ValidationIssue.error("MISSING_SECTION", null, null, "owners", "the owners section is missing"));
        } else {
            if (!"email".equals(map.owners().matchBy())) {
                issues.add(ValidationIssue.error("INVALID_OWNER_POLICY", null, null, "owners.matchBy",
                        "owners are matched by 'email' (sales.email); '" + map.owners().matchBy() + "' is not supported"));
            }
            if (!Set.of("block", "default-owner").contains(map.owners().onUnresolved())) {
                issues.add(ValidationIssue.error("INVALID_OWNER_POLICY", null, null, "owners.onUnresolved",
                        "onUnresolved must be 'block' or 'default-owner'"));
            } else if ("default-owner".equals(map.owners().onUnresolved())
                    && (map.owners().defaultOwner() == null || map.owners().defaultOwner().isBlank())) {
                issues.add(ValidationIssue.error("INVALID_OWNER_POLICY", null, null, "owners.defaultOwner",
                        "'default-owner' needs defaultOwner, a Pipedrive user's e-mail"));
            }
        }
        boolean dealsMapped = map.objects().stream().anyMatch(o -> o.source().equals("deals") && o.destination().equals("deal"));
        if (dealsMapped && map.stages().isEmpty()) {
            issues.add(ValidationIssue.error("NO_STAGES", null, null, "stages", "deals are migrated but no stage is mapped"));
        }
        if (dealsMapped && map.pipelines().isEmpty()) {
            issues.add(ValidationIssue.error("NO_PIPELINES", null, null, "pipelines", "deals are migrated but no pipeline is mapped"));
        }
        Set<Integer> orders = new HashSet<>();
        Set<String> stageValues = new HashSet<>();
        for (StageMapping s : map.stages()) {
            String sp = "stages[" + s.value() + "]";
            if (s.value() == null || !stageValues.add(s.value())) {
                issues.add(ValidationIssue.error("DUPLICATE_STAGE", null, null, sp, "stage value '" + s.value() + "' is mapped twice"));
            }
            if (!orders.add(s.order())) {
                issues.add(ValidationIssue.error("DUPLICATE_STAGE_ORDER", null, null, sp + ".order",
                        "two stages have order " + s.order()));
            }
            if (s.stage() == null || s.stage().isBlank()) {
                issues.add(ValidationIssue.error("MISSING_STAGE_NAME", null, null, sp + ".stage", "the stage needs a Pipedrive name"));
            }
            if (!Set.of("open", "won", "lost").contains(s.status())) {
                issues.add(ValidationIssue.error("INVALID_STAGE_STATUS", null, null, sp + ".status",
                        "status '" + s.status() + "' must be open, won or lost"));
            }
            if (s.probability() != null && (s.probability() < 0 || s.probability() > 100)) {
                issues.add(ValidationIssue.error("INVALID_PROBABILITY", null, null, sp + ".probability",
                        "probability " + s.probability() + " is outside 0–100"));
            }
        }
        if (map.unknownValues() != null && "reject".equals(map.unknownValues().stage())) {
            MapLookups lookups = new MapLookups(map);
            List<String> unknown = facts.seen("deals", "stage").stream().filter(v -> lookups.stage(v) == null).toList();
            if (!unknown.isEmpty()) {
                issues.add(ValidationIssue.warning("ROWS_WILL_BE_REJECTED", null, null, "unknownValues.stage",
                        "deals with stages " + unknown + " will be rejected; map them or use first-stage"));
            }
        }
        Set<String> categories = new HashSet<>();
        for (PipelineMapping p : map.pipelines()) {
            if (!categories.add(p.category() == null ? "" : p.category())) {
                issues.add(ValidationIssue.error("DUPLICATE_PIPELINE", null, null, "pipelines[" + p.category() + "]",
                        "category '" + p.category() + "' is mapped twice"));
            }
            if (p.pipeline() == null || p.pipeline().isBlank()) {
                issues.add(ValidationIssue.error("MISSING_PIPELINE_NAME", null, null, "pipelines[" + p.category() + "].pipeline",
                        "the pipeline needs a name"));
            }
        }
        Set<String> typeValues = new HashSet<>();
        for (ActivityTypeMapping a : map.activityTypes()) {
            if (!typeValues.add(String.valueOf(a.value()))) {
                issues.add(ValidationIssue.error("DUPLICATE_ACTIVITY_TYPE", null, null, "activityTypes[" + a.value() + "]",
                        "task type '" + a.value() + "' is mapped twice"));
            }
            if (a.key() == null || !a.key().matches("[a-z0-9_]+")) {
                issues.add(ValidationIssue.error("INVALID_ACTIVITY_TYPE_KEY", null, null, "activityTypes[" + a.value() + "].key",
                        "key '" + a.key() + "' must be lowercase letters, digits and underscores, like Pipedrive's key_string"));
            }
        }
        if (map.labels() == null) {
            issues.add(ValidationIssue.error("MISSING_SECTION", null, null, "labels", "the labels section is missing"));
        } else {
            map.labels().colours().forEach((hex, colour) -> {
                if (!NearestPipedriveColour.COLOURS.containsKey(colour)) {
                    issues.add(ValidationIssue.error("INVALID_LABEL_COLOUR", null, null, "labels.colours[" + hex + "]",
                            "'" + colour + "' is not a Pipedrive label colour; use one of " + NearestPipedriveColour.COLOURS.keySet()));
                }
            });
        }
        if (map.noteStatuses() == null || !Set.of("prefix", "person-field", "loss").contains(map.noteStatuses().handling())) {
            issues.add(ValidationIssue.error("INVALID_NOTE_STATUS_POLICY", null, null, "noteStatuses.handling",
                    "noteStatuses.handling must be prefix, person-field or loss"));
        }
        if (map.dedup() == null || !Set.of("merge", "create").contains(map.dedup().onMatch())) {
            issues.add(ValidationIssue.error("INVALID_DEDUP_POLICY", null, null, "dedup.onMatch",
                    "dedup.onMatch must be merge or create"));
        }
        if (map.unknownValues() == null) {
            issues.add(ValidationIssue.error("MISSING_SECTION", null, null, "unknownValues", "the unknownValues section is missing"));
        }
        if (map.personLeadRule() == null) {
            issues.add(ValidationIssue.error("MISSING_SECTION", null, null, "personLeadRule", "the Person/Lead rule is missing"));
        }
    }
}

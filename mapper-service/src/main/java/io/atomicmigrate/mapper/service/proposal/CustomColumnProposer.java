package io.atomicmigrate.mapper.service.proposal;

import io.atomicmigrate.common.events.payload.MigrationDiscovered.CustomColumn;
import io.atomicmigrate.common.map.CustomFieldSpec;
import io.atomicmigrate.common.map.FieldLine;
import io.atomicmigrate.common.map.FieldType;
import io.atomicmigrate.common.map.Target;
import io.atomicmigrate.common.map.Transform;
import io.atomicmigrate.common.map.TransformKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Proposes a line for a column a customer added in Supabase Studio: the Pipedrive field type
 * follows from the Postgres type, refined by the column's value profile (e-mails, phones, URLs,
 * dates, numbers; few distinct values → options) and by name similarity to standard fields.
 * uuid, json/jsonb and array columns get a low confidence: a person should decide.
 */
public final class CustomColumnProposer {

    /** At most this many distinct values make an option field (and only when values repeat). */
    static final int MAX_OPTIONS = 12;

    /** Standard numeric or date fields a custom column may fill when its name says so (object → fields). */
    private static final Map<String, List<String>> SIMILAR_STANDARD = Map.of(
            "organization", List.of("employee_count", "annual_revenue"),
            "deal", List.of("probability", "expected_close_date"),
            "person", List.of());
    private static final Set<String> NUMERIC_UDTS = Set.of("int2", "int4", "int8", "numeric", "float4", "float8", "money");
    private static final Set<String> TEXT_UDTS = Set.of("varchar", "text", "bpchar", "citext", "name");

    private CustomColumnProposer() {
    }

    public static FieldLine propose(CustomColumn column, ColumnProfile profile, String destinationObject,
                                    Set<String> takenStandardFields, String currency) {
        String id = column.table() + "." + column.column();
        String udt = column.udtName() == null ? "" : column.udtName().toLowerCase(Locale.ROOT);
        String fieldName = humanize(column.column());
        String where = "Custom column " + column.column() + " (" + column.dataType() + ")";
        String fill = profile == null ? "; no value profile: decided on the type alone"
                : String.format(Locale.ROOT, "; %.0f%% filled", profile.fillRate() * 100);

        // name similarity to a standard field that nothing fills yet
        if (NUMERIC_UDTS.contains(udt)) {
            for (String standard : SIMILAR_STANDARD.getOrDefault(destinationObject, List.of())) {
                double score = NameSimilarity.score(column.column(), standard);
                if (score >= 0.8 && !standard.endsWith("_date")) {
                    if (takenStandardFields.contains(standard)) {
                        return line(id, column, Target.custom(spec(fieldName, FieldType.DOUBLE)),
                                Transform.of(TransformKind.NUMBER), 0.6, where + " looks like Pipedrive's " + standard
                                        + ", which another line already fills; kept as a custom number" + fill);
                    }
                    return line(id, column, Target.standard(standard), Transform.of(TransformKind.NUMBER),
                            Math.min(0.85, 0.5 + score / 3), where + " matches the standard field " + standard
                                    + " by name (similarity " + String.format(Locale.ROOT, "%.2f", score) + ")" + fill);
                }
            }
        }

        if (column.enumLabels() != null && !column.enumLabels().isEmpty()) {
            String map = column.enumLabels().stream().map(l -> l + ":" + l).collect(Collectors.joining(","));
            return line(id, column, Target.custom(new CustomFieldSpec(fieldName, FieldType.ENUM, column.enumLabels())),
                    Transform.of(TransformKind.CODE_MAP, Map.of("map", map)), 0.9,
                    where + " is a Postgres enum: an option field with its " + column.enumLabels().size()
                            + " labels" + fill);
        }
        if (udt.equals("bool")) {
            return line(id, column, Target.custom(new CustomFieldSpec(fieldName, FieldType.ENUM, List.of("Yes", "No"))),
                    Transform.of(TransformKind.BOOLEAN_OPTION), 0.85,
                    where + ": Pipedrive has no boolean field; a Yes/No option field" + fill);
        }
        if (udt.equals("date")) {
            return line(id, column, Target.custom(spec(fieldName, FieldType.DATE)), Transform.of(TransformKind.DATE),
                    0.9, where + ": a date field" + fill);
        }
        if (udt.startsWith("timestamp")) {
            return line(id, column, Target.custom(spec(fieldName, FieldType.DATE)), Transform.of(TransformKind.DATE),
                    0.6, where + ": Pipedrive has no date-time field; the UTC date is kept, the time of day is lost" + fill);
        }
        if (udt.equals("time") || udt.equals("timetz")) {
            return line(id, column, Target.custom(spec(fieldName, FieldType.TIME)), Transform.of(TransformKind.TEXT),
                    0.7, where + ": a time field" + fill);
        }
        if (udt.equals("uuid")) {
            return line(id, column, Target.custom(spec(fieldName, FieldType.VARCHAR)), Transform.of(TransformKind.TEXT),
                    0.4, where + ": a uuid is usually another system's key; kept as text — decide whether it is"
                            + " needed in Pipedrive" + fill);
        }
        if (udt.equals("json") || udt.equals("jsonb")) {
            return line(id, column, Target.custom(spec(fieldName, FieldType.TEXT)), Transform.of(TransformKind.JSON_TEXT),
                    0.3, where + ": structured JSON has no Pipedrive equivalent; stored as its JSON text — decide"
                            + " whether to split it into fields" + fill);
        }
        if (udt.startsWith("_")) {
            if (lowCardinality(profile)) {
                List<String> options = new ArrayList<>(profile.topValues().keySet());
                options.sort(String::compareTo);
                return line(id, column, Target.custom(new CustomFieldSpec(fieldName, FieldType.SET, options)),
                        Transform.of(TransformKind.ARRAY_OPTIONS), 0.55, where + ": an array with "
                                + options.size() + " distinct elements: a multiple-option field" + fill);
            }
            return line(id, column, Target.custom(spec(fieldName, FieldType.TEXT)), Transform.of(TransformKind.JSON_TEXT),
                    0.35, where + ": an array; one element per line in a long-text field — decide" + fill);
        }
        if (NUMERIC_UDTS.contains(udt)) {
            String name = column.column().toLowerCase(Locale.ROOT);
            if (udt.equals("int8") && (name.endsWith("_id") || name.contains("number") || name.contains("code"))) {
                return line(id, column, Target.custom(spec(fieldName, FieldType.VARCHAR)), Transform.of(TransformKind.TEXT),
                        0.65, where + ": an identifier, not a quantity; text keeps every digit" + fill);
            }
            if (name.matches(".*(revenue|amount|value|price|cost|ltv).*")) {
                return line(id, column, Target.custom(spec(fieldName, FieldType.MONETARY)),
                        Transform.of(TransformKind.NUMBER, Map.of("currency", currency)), 0.65,
                        where + ": the name suggests money; a monetary field in " + currency + fill);
            }
            return line(id, column, Target.custom(spec(fieldName, FieldType.DOUBLE)), Transform.of(TransformKind.NUMBER),
                    0.8, where + ": a number field" + fill);
        }
        if (TEXT_UDTS.contains(udt)) {
            return textLine(id, column, profile, fieldName, where, fill);
        }
        return line(id, column, Target.custom(spec(fieldName, FieldType.TEXT)), Transform.of(TransformKind.JSON_TEXT),
                0.3, where + ": an unusual type; stored as text — decide" + fill);
    }

    private static FieldLine textLine(String id, CustomColumn column, ColumnProfile profile, String fieldName,
                                      String where, String fill) {
        if (profile != null && !profile.samples().isEmpty()) {
            ValuePatterns.Kind kind = ValuePatterns.dominant(profile.samples());
            switch (kind) {
                case EMAIL -> {
                    return line(id, column, Target.custom(spec(fieldName, FieldType.VARCHAR)),
                            Transform.of(TransformKind.TEXT, Map.of("maxLength", "255")), 0.8,
                            where + ": the values are e-mail addresses; a text field (persons' e-mail list is for"
                                    + " their own addresses)" + fill);
                }
                case PHONE -> {
                    return line(id, column, Target.custom(spec(fieldName, FieldType.PHONE)),
                            Transform.of(TransformKind.TEXT), 0.8, where + ": the values are phone numbers" + fill);
                }
                case URL -> {
                    return line(id, column, Target.custom(spec(fieldName, FieldType.VARCHAR)),
                            Transform.of(TransformKind.TEXT), 0.8, where + ": the values are URLs" + fill);
                }
                case DATE -> {
                    return line(id, column, Target.custom(spec(fieldName, FieldType.DATE)),
                            Transform.of(TransformKind.DATE), 0.7, where + ": the values are dates" + fill);
                }
                case NUMBER -> {
                    return line(id, column, Target.custom(spec(fieldName, FieldType.DOUBLE)),
                            Transform.of(TransformKind.NUMBER), 0.6, where + ": the values are numbers" + fill);
                }
                default -> {
                }
            }
        }
        if (lowCardinality(profile)) {
            List<String> options = new ArrayList<>(profile.topValues().keySet());
            options.sort(String::compareTo);
            String map = options.stream().map(o -> o.replace(",", " ") + ":" + o.replace(",", " "))
                    .collect(Collectors.joining(","));
            return line(id, column, Target.custom(new CustomFieldSpec(fieldName, FieldType.ENUM, options)),
                    Transform.of(TransformKind.CODE_MAP, Map.of("map", map)), 0.7, where + ": only " + options.size()
                            + " distinct values repeat across rows: an option field with the observed values" + fill);
        }
        boolean longText = profile != null && profile.maxLength() != null ? profile.maxLength() > 255
                : !column.udtName().equals("varchar");
        if (longText) {
            return line(id, column, Target.custom(spec(fieldName, FieldType.TEXT)), Transform.of(TransformKind.TEXT),
                    profile == null ? 0.6 : 0.8, where + (profile == null ? ": unbounded text, long-text field"
                            : ": values up to " + profile.maxLength() + " characters, long-text field") + fill);
        }
        return line(id, column, Target.custom(spec(fieldName, FieldType.VARCHAR)),
                Transform.of(TransformKind.TEXT, Map.of("maxLength", "255", "onOverflow", "truncate")),
                profile == null ? 0.7 : 0.85, where + ": short text, a text field (255 characters)" + fill);
    }

    static boolean lowCardinality(ColumnProfile p) {
        return p != null && p.distinct() != null && p.distinct() > 0 && p.distinct() <= MAX_OPTIONS
                && p.topValues().size() >= p.distinct() && p.nonNull() >= 4 * p.distinct();
    }

    private static CustomFieldSpec spec(String name, FieldType type) {
        return new CustomFieldSpec(name, type, List.of());
    }

    private static FieldLine line(String id, CustomColumn column, Target target, Transform transform, double confidence,
                                  String reason) {
        return new FieldLine(id, List.of(column.column()), target, transform, false, confidence, reason, "profile");
    }

    /** {@code lead_score} → {@code Lead score}. */
    static String humanize(String column) {
        String s = column.replace('_', ' ').trim();
        return s.isEmpty() ? column : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}

package io.atomicmigrate.mapper.service.review;

import io.atomicmigrate.common.map.FieldType;
import io.atomicmigrate.common.map.Target;
import io.atomicmigrate.common.map.TransformKind;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Which destinations each transform can write: an e-mail list only into a person's {@code emails},
 * a stage only into {@code stage_id}, a number only into a number field, and so on. A line that
 * pairs them otherwise would produce a value Pipedrive rejects, so the validator refuses it.
 */
final class TransformTargets {

    private record Allowed(Set<String> standard, Set<FieldType> custom) {
    }

    private static final Set<FieldType> TEXTUAL = EnumSet.of(FieldType.VARCHAR, FieldType.VARCHAR_AUTO, FieldType.TEXT,
            FieldType.PHONE);
    private static final Map<TransformKind, Allowed> ALLOWED = new EnumMap<>(TransformKind.class);

    static {
        Set<FieldType> none = EnumSet.noneOf(FieldType.class);
        ALLOWED.put(TransformKind.TEXT, new Allowed(Set.of("name", "title", "subject", "website", "linkedin", "email",
                "lost_reason", "public_description"), union(TEXTUAL, EnumSet.of(FieldType.TIME))));
        ALLOWED.put(TransformKind.FULL_NAME, new Allowed(Set.of("name", "title", "subject"), TEXTUAL));
        ALLOWED.put(TransformKind.EMAILS, new Allowed(Set.of("emails"), none));
        ALLOWED.put(TransformKind.PHONES, new Allowed(Set.of("phones"), none));
        ALLOWED.put(TransformKind.REFERENCE, new Allowed(Set.of("org_id", "person_id", "deal_id", "lead_id"),
                EnumSet.of(FieldType.ORG, FieldType.PEOPLE)));
        ALLOWED.put(TransformKind.OWNER, new Allowed(Set.of("owner_id", "user_id"), EnumSet.of(FieldType.USER)));
        ALLOWED.put(TransformKind.TAG_LABELS, new Allowed(Set.of("label_ids"), none));
        ALLOWED.put(TransformKind.TIMESTAMP_UTC, new Allowed(Set.of("add_time"), TEXTUAL));
        ALLOWED.put(TransformKind.DATE, new Allowed(Set.of("expected_close_date", "due_date"), EnumSet.of(FieldType.DATE)));
        ALLOWED.put(TransformKind.MARKDOWN_TO_HTML, new Allowed(Set.of("content", "note", "public_description"),
                EnumSet.of(FieldType.TEXT)));
        Set<FieldType> options = union(TEXTUAL, EnumSet.of(FieldType.ENUM, FieldType.SET, FieldType.DOUBLE));
        ALLOWED.put(TransformKind.CONFIG_OPTION, new Allowed(Set.of("employee_count"), options));
        ALLOWED.put(TransformKind.CODE_MAP, new Allowed(Set.of("employee_count", "annual_revenue", "probability"), options));
        ALLOWED.put(TransformKind.NUMBER, new Allowed(Set.of("value", "probability", "annual_revenue", "employee_count"),
                EnumSet.of(FieldType.DOUBLE, FieldType.MONETARY)));
        ALLOWED.put(TransformKind.BOOLEAN_OPTION, new Allowed(Set.of(), union(TEXTUAL, EnumSet.of(FieldType.ENUM))));
        ALLOWED.put(TransformKind.ADDRESS, new Allowed(Set.of("address"), EnumSet.of(FieldType.ADDRESS)));
        ALLOWED.put(TransformKind.IMAGE_URL, new Allowed(Set.of("website"), TEXTUAL));
        ALLOWED.put(TransformKind.JSON_TEXT, new Allowed(Set.of(), TEXTUAL));
        ALLOWED.put(TransformKind.ARRAY_OPTIONS, new Allowed(Set.of(), union(TEXTUAL, EnumSet.of(FieldType.SET))));
        ALLOWED.put(TransformKind.DEAL_STAGE, new Allowed(Set.of("stage_id"), none));
        ALLOWED.put(TransformKind.DEAL_PIPELINE, new Allowed(Set.of("pipeline_id"), none));
        ALLOWED.put(TransformKind.DEAL_CONTACTS, new Allowed(Set.of("person_id"), none));
        ALLOWED.put(TransformKind.ARCHIVED, new Allowed(Set.of("is_archived"), none));
        ALLOWED.put(TransformKind.ACTIVITY_TYPE, new Allowed(Set.of("type"), none));
        ALLOWED.put(TransformKind.DUE_DATE_TIME, new Allowed(Set.of("due_date"), none));
        ALLOWED.put(TransformKind.DONE_FLAG, new Allowed(Set.of("done"), none));
        ALLOWED.put(TransformKind.NEAREST_COLOUR, new Allowed(Set.of("color"), none));
        ALLOWED.put(TransformKind.NONE, new Allowed(Set.of(), none));
    }

    private TransformTargets() {
    }

    private static Set<FieldType> union(Set<FieldType> a, Set<FieldType> b) {
        Set<FieldType> out = EnumSet.noneOf(FieldType.class);
        out.addAll(a);
        out.addAll(b);
        return out;
    }

    /** Null when the transform can write the target; else what it can write, in words. */
    static String mismatch(TransformKind kind, Target target) {
        Allowed allowed = ALLOWED.get(kind);
        if (allowed == null || target.kind() == Target.TargetKind.LOSS) {
            return null;
        }
        boolean ok = target.kind() == Target.TargetKind.STANDARD ? allowed.standard().contains(target.field())
                : target.custom() != null && target.custom().type() != null && allowed.custom().contains(target.custom().type());
        if (ok) {
            return null;
        }
        StringBuilder can = new StringBuilder();
        if (!allowed.standard().isEmpty()) {
            can.append("standard ").append(new java.util.TreeSet<>(allowed.standard()));
        }
        if (!allowed.custom().isEmpty()) {
            can.append(can.length() > 0 ? " or " : "").append("custom ")
                    .append(allowed.custom().stream().map(FieldType::wireName).sorted().toList());
        }
        return kind + " can write " + can;
    }
}

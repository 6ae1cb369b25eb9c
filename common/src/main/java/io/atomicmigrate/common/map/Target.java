package io.atomicmigrate.common.map;

/**
 * Where a line's value goes.
 *
 * @param kind   STANDARD (a Pipedrive field such as {@code name}, {@code emails}, {@code org_id}),
 *               CUSTOM (a custom field the loader creates from {@code custom}), or
 *               LOSS (not migrated, on purpose, with the reason on the line)
 * @param field  the standard field name (STANDARD) or null
 * @param custom the custom field to create (CUSTOM) or null
 */
public record Target(TargetKind kind, String field, CustomFieldSpec custom) {

    public static Target standard(String field) {
        return new Target(TargetKind.STANDARD, field, null);
    }

    public static Target custom(CustomFieldSpec spec) {
        return new Target(TargetKind.CUSTOM, null, spec);
    }

    public static Target loss() {
        return new Target(TargetKind.LOSS, null, null);
    }

    /** What the validator compares to find two lines writing the same destination field. */
    public String destinationKey() {
        return switch (kind) {
            case STANDARD -> "standard:" + field;
            case CUSTOM -> "custom:" + (custom == null ? "?" : custom.name().trim().toLowerCase(java.util.Locale.ROOT));
            case LOSS -> null;
        };
    }

    public enum TargetKind { STANDARD, CUSTOM, LOSS }
}

package io.atomicmigrate.common.map;

import java.util.List;

/**
 * One source table and what it becomes.
 *
 * @param source      Atomic CRM table (current name), e.g. {@code contacts}
 * @param destination Pipedrive object: person, organization, deal, note, activity, user, file, label,
 *                    or {@code none} for a table that is deliberately not migrated
 * @param rule        the object-level rule in words (e.g. the Person/Lead rule for contacts)
 * @param fields      one line per source column (or group of columns)
 */
public record ObjectMapping(String source, String destination, String rule, List<FieldLine> fields) {

    public ObjectMapping {
        fields = fields == null ? List.of() : List.copyOf(fields);
    }

    /** The line whose id is {@code lineId}, or null. */
    public FieldLine line(String lineId) {
        for (FieldLine f : fields) {
            if (f.id().equals(lineId)) {
                return f;
            }
        }
        return null;
    }
}

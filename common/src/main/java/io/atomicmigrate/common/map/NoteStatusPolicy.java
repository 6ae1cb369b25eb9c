package io.atomicmigrate.common.map;

import java.util.Map;

/**
 * Contact notes carry a status (cold/warm/hot/in-contract by default); Pipedrive notes have no
 * such field and no custom fields.
 *
 * @param handling     {@code prefix} (the note's HTML starts with the status label),
 *                     {@code person-field} (only the contact's latest status, as a person option field), or
 *                     {@code loss} (documented as not migrated)
 * @param statusLabels status value → label shown in Pipedrive
 */
public record NoteStatusPolicy(String handling, Map<String, String> statusLabels) {

    public NoteStatusPolicy {
        statusLabels = statusLabels == null ? Map.of() : Map.copyOf(statusLabels);
    }
}

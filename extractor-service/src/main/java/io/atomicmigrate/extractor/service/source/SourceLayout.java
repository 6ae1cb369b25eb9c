package io.atomicmigrate.extractor.service.source;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which Atomic CRM tables a source database has, and under which physical name: the note tables
 * were {@code "contactNotes"} and {@code "dealNotes"} before 20260115150819 (ATOMIC_CRM.md §12).
 * Everything downstream speaks the current (canonical) names.
 */
public record SourceLayout(Map<String, String> physicalByCanonical, Set<String> allPublicTables) {

    /** The CRM tables, in load (FK) order. */
    public static final List<String> CRM_TABLES = List.of("sales", "tags", "companies", "contacts", "contact_notes",
            "deals", "deal_notes", "tasks", "configuration", "favicons_excluded_domains");

    /** Without these, the database is not an Atomic CRM. */
    public static final List<String> REQUIRED = List.of("contacts", "companies", "deals");

    private static final Map<String, String> LEGACY_NAMES = Map.of(
            "contact_notes", "contactNotes", "deal_notes", "dealNotes");

    public static SourceLayout of(Set<String> publicTables) {
        Map<String, String> physical = new LinkedHashMap<>();
        for (String canonical : CRM_TABLES) {
            if (publicTables.contains(canonical)) {
                physical.put(canonical, canonical);
            } else if (LEGACY_NAMES.containsKey(canonical) && publicTables.contains(LEGACY_NAMES.get(canonical))) {
                physical.put(canonical, LEGACY_NAMES.get(canonical));
            }
        }
        return new SourceLayout(Collections.unmodifiableMap(physical), Set.copyOf(publicTables));
    }

    public boolean has(String canonical) {
        return physicalByCanonical.containsKey(canonical);
    }

    /** The physical table name, or null when the database lacks the table. */
    public String physical(String canonical) {
        return physicalByCanonical.get(canonical);
    }

    /** {@code public."name"}: identifiers from the customer's schema are always quoted (DESIGN §8). */
    public String qualified(String canonical) {
        String name = physical(canonical);
        if (name == null) {
            throw new IllegalArgumentException("the source database has no " + canonical + " table");
        }
        return "public." + quote(name);
    }

    public List<String> missingRequired() {
        return REQUIRED.stream().filter(t -> !has(t)).toList();
    }

    /** Tables that should hold CRM data: the migrated ones plus configuration (read, not migrated). */
    public List<String> readableCrmTables() {
        return CRM_TABLES.stream().filter(t -> !t.equals("favicons_excluded_domains")).filter(this::has).toList();
    }

    public static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}

package io.atomicmigrate.mapper.service.transform;

import java.util.Map;

/**
 * Mapped payloads cannot carry Pipedrive ids (they do not exist yet); they carry references in
 * words, "organization of companies 17", which the loader resolves from its id ledger.
 */
public final class SymbolicReferences {

    private static final Map<String, String> OBJECT_OF_TABLE = Map.of(
            "companies", "organization", "contacts", "person", "deals", "deal", "sales", "owner", "tags", "label",
            "contact_notes", "note", "deal_notes", "note", "tasks", "activity");

    private SymbolicReferences() {
    }

    public static String of(String table, String sourceId) {
        return OBJECT_OF_TABLE.getOrDefault(table, table) + " of " + table + " " + sourceId;
    }

    public static String lead(String contactId) {
        return "lead of contacts " + contactId;
    }

    public static String pipeline(String name) {
        return "pipeline " + name;
    }

    public static String stage(String stage, String pipeline) {
        return "stage " + stage + " of pipeline " + pipeline;
    }

    public static String activityType(String key) {
        return "activity type " + key;
    }
}

package io.atomicmigrate.extractor.service.discovery;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The upstream columns of each CRM table per schema generation (ATOMIC_CRM.md §2 and §12), keyed
 * by canonical table name and listing the physical column names. A live column not listed here is
 * a custom column; a listed one the database lacks is missing.
 */
public enum StandardSchema {

    /** Main snapshot (20260601120000): snake_case note tables, configuration, citext. */
    CURRENT,
    /** Between 2025-01 and 2026-01: camelCase note tables and "stateAbbr", jsonb emails and phones. */
    PRE_2026,
    /** v1.0.0 (2024): additionally contacts.email text and phone_1_* / phone_2_*. */
    V2024;

    public Map<String, List<String>> columns() {
        Map<String, List<String>> t = new LinkedHashMap<>();
        t.put("sales", List.of("id", "first_name", "last_name", "email", "administrator", "user_id", "avatar",
                "disabled"));
        t.put("tags", List.of("id", "name", "color"));
        t.put("companies", List.of("id", "created_at", "name", "sector", "size", "linkedin_url", "website",
                "phone_number", "address", "zipcode", "city", this == CURRENT ? "state_abbr" : "stateAbbr", "sales_id",
                "context_links", "country", "description", "revenue", "tax_identifier", "logo"));
        List<String> contacts = new ArrayList<>(List.of("id", "first_name", "last_name", "gender", "title",
                "background", "avatar", "first_seen", "last_seen", "has_newsletter", "status", "tags", "company_id",
                "sales_id", "linkedin_url"));
        if (this == V2024) {
            contacts.addAll(List.of("email", "phone_1_number", "phone_1_type", "phone_2_number", "phone_2_type"));
        } else {
            contacts.addAll(List.of("email_jsonb", "phone_jsonb"));
        }
        t.put("contacts", List.copyOf(contacts));
        t.put("contact_notes", List.of("id", "contact_id", "text", "date", "sales_id", "status", "attachments"));
        t.put("deals", List.of("id", "name", "company_id", "contact_ids", "category", "stage", "description", "amount",
                "created_at", "updated_at", "archived_at", "expected_closing_date", "sales_id", "index"));
        t.put("deal_notes", List.of("id", "deal_id", "type", "text", "date", "sales_id", "attachments"));
        t.put("tasks", List.of("id", "contact_id", "type", "text", "due_date", "done_date", "sales_id"));
        if (this == CURRENT) {
            t.put("configuration", List.of("id", "config"));
            t.put("favicons_excluded_domains", List.of("id", "domain"));
        }
        return t;
    }

    /**
     * Recognises the generation from live facts (§12 "detect on a live DB"): snake_case note
     * tables mean CURRENT; camelCase ones mean PRE_2026, or V2024 while contacts still has the
     * {@code email} text column.
     */
    public static StandardSchema recognise(boolean snakeCaseNoteTables, boolean contactsHasEmailText) {
        if (snakeCaseNoteTables) {
            return CURRENT;
        }
        return contactsHasEmailText ? V2024 : PRE_2026;
    }
}

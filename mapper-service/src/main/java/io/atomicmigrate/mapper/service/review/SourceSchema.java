package io.atomicmigrate.mapper.service.review;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** The standard Atomic CRM columns (ATOMIC_CRM.md §2, every generation) and the Pipedrive fields each object takes. */
public final class SourceSchema {

    public static final Map<String, Set<String>> STANDARD_COLUMNS = Map.ofEntries(
            Map.entry("companies", Set.of("id", "created_at", "name", "sector", "size", "linkedin_url", "website",
                    "phone_number", "address", "zipcode", "city", "state_abbr", "stateAbbr", "sales_id",
                    "context_links", "country", "description", "revenue", "tax_identifier", "logo")),
            Map.entry("contacts", Set.of("id", "first_name", "last_name", "gender", "title", "background", "avatar",
                    "first_seen", "last_seen", "has_newsletter", "status", "tags", "company_id", "sales_id",
                    "linkedin_url", "email_jsonb", "phone_jsonb", "email", "deal_ids")),
            Map.entry("contact_notes", Set.of("id", "contact_id", "text", "date", "sales_id", "status", "attachments")),
            Map.entry("deals", Set.of("id", "name", "company_id", "contact_ids", "category", "stage", "description",
                    "amount", "created_at", "updated_at", "archived_at", "expected_closing_date", "sales_id", "index")),
            Map.entry("deal_notes", Set.of("id", "deal_id", "type", "text", "date", "sales_id", "attachments")),
            Map.entry("tasks", Set.of("id", "contact_id", "type", "text", "due_date", "done_date", "sales_id")),
            Map.entry("tags", Set.of("id", "name", "color")),
            Map.entry("sales", Set.of("id", "first_name", "last_name", "email", "administrator", "user_id", "avatar",
                    "disabled")),
            Map.entry("attachments", Set.of()),
            Map.entry("configuration", Set.of()),
            Map.entry("favicons_excluded_domains", Set.of()));

    /** Standard fields a line may target, per destination object (PIPEDRIVE.md §3). */
    public static final Map<String, Set<String>> STANDARD_FIELDS = Map.of(
            "person", Set.of("name", "owner_id", "org_id", "emails", "phones", "add_time", "visible_to", "label_ids",
                    "marketing_status"),
            "organization", Set.of("name", "owner_id", "add_time", "visible_to", "label_ids", "address", "website",
                    "linkedin", "industry", "annual_revenue", "employee_count"),
            "deal", Set.of("title", "person_id", "org_id", "owner_id", "pipeline_id", "stage_id", "value", "currency",
                    "status", "is_archived", "expected_close_date", "probability", "visible_to", "label_ids",
                    "lost_reason"),
            "note", Set.of("content", "person_id", "deal_id", "org_id", "lead_id", "user_id", "add_time"),
            "activity", Set.of("subject", "type", "owner_id", "deal_id", "person_id", "org_id", "due_date", "done",
                    "note", "busy", "public_description"),
            "label", Set.of("name", "color"),
            "user", Set.of("email", "name"),
            "file", Set.of(), "lead", Set.of("title", "person_id", "owner_id", "value", "expected_close_date"),
            "none", Set.of());

    /** What a destination object cannot be created without: any one field of each inner list. */
    public static final Map<String, List<List<String>>> REQUIRED_FIELDS = Map.of(
            "person", List.of(List.of("name")),
            "organization", List.of(List.of("name")),
            "deal", List.of(List.of("title")),
            "note", List.of(List.of("content"), List.of("person_id", "deal_id", "org_id", "lead_id")),
            "activity", List.of(List.of("person_id", "deal_id", "org_id")),
            "label", List.of(List.of("name")),
            "user", List.of(List.of("email")));

    private SourceSchema() {
    }
}

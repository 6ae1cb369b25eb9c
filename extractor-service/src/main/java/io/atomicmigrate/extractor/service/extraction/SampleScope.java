package io.atomicmigrate.extractor.service.extraction;

import io.atomicmigrate.extractor.service.source.SourceLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * A sample run's rows (DESIGN §1 step 7): the first N rows of each object, closed under
 * references so the sample loads without dangling links: notes and tasks bring their parents,
 * deals bring their contacts and company, contacts bring their company. Evaluated in the run's
 * snapshot, so every phase computes the same sets.
 */
public final class SampleScope {

    private SampleScope() {
    }

    /** The WITH clause defining {@code s_<table>(id)} for every CRM table the source has. */
    public static String with(SourceLayout layout, int n) {
        List<String> ctes = new ArrayList<>();
        String contacts = layout.qualified("contacts");
        String companies = layout.qualified("companies");
        String deals = layout.qualified("deals");
        boolean contactNotes = layout.has("contact_notes");
        boolean dealNotes = layout.has("deal_notes");
        boolean tasks = layout.has("tasks");
        // notes: the first N, plus the first N that carry files, so a sample exercises the FILES phase
        ctes.add("s_contact_notes(id) AS (" + (contactNotes ? notes(layout.qualified("contact_notes"), n)
                : "SELECT NULL::bigint WHERE false") + ")");
        ctes.add("s_deal_notes(id) AS (" + (dealNotes ? notes(layout.qualified("deal_notes"), n)
                : "SELECT NULL::bigint WHERE false") + ")");
        ctes.add("s_tasks(id) AS (" + (tasks ? "SELECT id FROM (SELECT id FROM " + layout.qualified("tasks")
                + " ORDER BY id LIMIT " + n + ") x" : "SELECT NULL::bigint WHERE false") + ")");
        ctes.add("s_deals(id) AS (SELECT id FROM (SELECT id FROM " + deals + " ORDER BY id LIMIT " + n + ") x"
                + (dealNotes ? " UNION SELECT deal_id FROM " + layout.qualified("deal_notes")
                + " WHERE id IN (SELECT id FROM s_deal_notes)" : "") + ")");
        ctes.add("s_contacts(id) AS (SELECT id FROM (SELECT id FROM " + contacts + " ORDER BY id LIMIT " + n + ") x"
                + " UNION SELECT c.id FROM " + contacts + " c JOIN " + deals
                + " d ON c.id = ANY (d.contact_ids) WHERE d.id IN (SELECT id FROM s_deals)"
                + (contactNotes ? " UNION SELECT contact_id FROM " + layout.qualified("contact_notes")
                + " WHERE id IN (SELECT id FROM s_contact_notes)" : "")
                + (tasks ? " UNION SELECT contact_id FROM " + layout.qualified("tasks")
                + " WHERE id IN (SELECT id FROM s_tasks)" : "") + ")");
        ctes.add("s_companies(id) AS (SELECT id FROM (SELECT id FROM " + companies + " ORDER BY id LIMIT " + n + ") x"
                + " UNION SELECT company_id FROM " + contacts + " WHERE id IN (SELECT id FROM s_contacts)"
                + " AND company_id IS NOT NULL"
                + " UNION SELECT company_id FROM " + deals + " WHERE id IN (SELECT id FROM s_deals)"
                + " AND company_id IS NOT NULL)");
        return "WITH " + String.join(", ", ctes);
    }

    /**
     * The membership condition for alias {@code t} of a canonical table. Users (sales) and tags
     * are small reference tables every sampled record may point at: a sample takes them whole.
     */
    public static String filter(String table) {
        if (table.equals("sales") || table.equals("tags")) {
            return "true";
        }
        return "t.id IN (SELECT id FROM s_" + table + ")";
    }

    private static String notes(String qualified, int n) {
        return "SELECT id FROM (SELECT id FROM " + qualified + " ORDER BY id LIMIT " + n + ") x"
                + " UNION SELECT id FROM (SELECT id FROM " + qualified
                + " WHERE cardinality(attachments) > 0 ORDER BY id LIMIT " + n + ") y";
    }
}

package io.atomicmigrate.loader.support;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atomicmigrate.common.events.payload.RecordMapped;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Mapped records shaped as the mapper's transforms emit them (symbolic references, custom fields by name). */
public final class Records {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private Records() {
    }

    static String symbol(String table, String id) {
        String object = switch (table) {
            case "companies" -> "organization";
            case "contacts" -> "person";
            case "deals" -> "deal";
            case "sales" -> "owner";
            case "tags" -> "label";
            default -> table;
        };
        return object + " of " + table + " " + id;
    }

    public static RecordMapped owner(String salesId, String email) {
        ObjectNode p = F.objectNode().put("email", email).put("name", "Owner " + salesId);
        return new RecordMapped("sales", salesId, "user", email, p, List.of(), List.of(), 1, "sales:" + salesId);
    }

    public static RecordMapped tag(String tagId, String name) {
        ObjectNode p = F.objectNode().put("name", name).put("color", "red");
        return new RecordMapped("tags", tagId, "label", "label:" + name.toLowerCase(Locale.ROOT), p, List.of(), List.of(),
                1, "tags:" + tagId);
    }

    public static RecordMapped organization(String id, String name, String salesId) {
        ObjectNode p = F.objectNode().put("name", name).put("add_time", "2021-03-04T05:06:07Z");
        p.putObject("custom_fields").put("Sector", "Technology").put("Revenue", "1M");
        List<RecordMapped.Reference> refs = new ArrayList<>();
        if (salesId != null) {
            p.put("owner_id", symbol("sales", salesId));
            refs.add(new RecordMapped.Reference("owner_id", "sales", salesId, symbol("sales", salesId)));
        }
        return new RecordMapped("companies", id, "organization", "org:" + name.toLowerCase(Locale.ROOT), p, refs,
                List.of(), 1, "companies:" + id);
    }

    public static RecordMapped person(String id, String name, String email, String companyId, String salesId,
                                      String... tagIds) {
        ObjectNode p = F.objectNode().put("name", name).put("add_time", "2020-01-02T03:04:05Z");
        if (email != null) {
            p.putArray("emails").addObject().put("value", email).put("label", "work").put("primary", true);
        }
        p.putObject("custom_fields").put("Job title", "CTO").put("Gender", "She/Her");
        List<RecordMapped.Reference> refs = new ArrayList<>();
        if (companyId != null) {
            p.put("org_id", symbol("companies", companyId));
            refs.add(new RecordMapped.Reference("org_id", "companies", companyId, symbol("companies", companyId)));
        }
        if (salesId != null) {
            p.put("owner_id", symbol("sales", salesId));
            refs.add(new RecordMapped.Reference("owner_id", "sales", salesId, symbol("sales", salesId)));
        }
        if (tagIds.length > 0) {
            var labels = p.putArray("label_ids");
            for (int i = 0; i < tagIds.length; i++) {
                labels.add(symbol("tags", tagIds[i]));
                refs.add(new RecordMapped.Reference("label_ids[" + i + "]", "tags", tagIds[i], symbol("tags", tagIds[i])));
            }
        }
        return new RecordMapped("contacts", id, "person", email == null ? "contacts:" + id : email, p, refs, List.of(), 1,
                "contacts:" + id);
    }

    public static RecordMapped lead(String contactId, String name) {
        ObjectNode p = F.objectNode().put("title", name);
        p.put("person_id", symbol("contacts", contactId));
        return new RecordMapped("contacts", contactId, "lead", "lead of contacts " + contactId, p,
                List.of(new RecordMapped.Reference("person_id", "contacts", contactId, symbol("contacts", contactId))),
                List.of(), 1, "contacts:" + contactId + ":lead");
    }

    /** A deal in pipeline "Deals" (no category), stage "Proposal sent", won; first contact person, the second a participant. */
    public static RecordMapped deal(String id, String title, String companyId, String contactId, String otherContactId) {
        ObjectNode p = F.objectNode().put("title", title).put("value", 1500).put("currency", "USD");
        p.put("pipeline_id", "pipeline Deals").put("stage_id", "stage Proposal sent of pipeline Deals").put("status", "won");
        p.putObject("custom_fields").put("Created in Atomic CRM", "2019-05-06");
        List<RecordMapped.Reference> refs = new ArrayList<>();
        refs.add(new RecordMapped.Reference("pipeline_id", "pipelines", "", "pipeline Deals"));
        refs.add(new RecordMapped.Reference("stage_id", "stages", "/won", "stage Proposal sent of pipeline Deals"));
        if (companyId != null) {
            p.put("org_id", symbol("companies", companyId));
            refs.add(new RecordMapped.Reference("org_id", "companies", companyId, symbol("companies", companyId)));
        }
        if (contactId != null) {
            p.put("person_id", symbol("contacts", contactId));
            refs.add(new RecordMapped.Reference("person_id", "contacts", contactId, symbol("contacts", contactId)));
        }
        if (otherContactId != null) {
            refs.add(new RecordMapped.Reference("participants[0]", "contacts", otherContactId,
                    symbol("contacts", otherContactId)));
        }
        return new RecordMapped("deals", id, "deal", "deals:" + id, p, refs, List.of(), 1, "deals:" + id);
    }

    public static RecordMapped note(String id, String contactId, String text) {
        ObjectNode p = F.objectNode().put("content", "<p>" + text + "</p>").put("add_time", "2018-07-08 09:10:11");
        p.put("person_id", symbol("contacts", contactId));
        return new RecordMapped("contact_notes", id, "note", "contact_notes:" + id, p,
                List.of(new RecordMapped.Reference("person_id", "contacts", contactId, symbol("contacts", contactId))),
                List.of(), 1, "contact_notes:" + id);
    }

    public static RecordMapped activity(String id, String contactId, String subject, String type) {
        ObjectNode p = F.objectNode().put("subject", subject).put("type", type).put("due_date", "2024-02-03")
                .put("due_time", "10:00:00").put("done", false);
        p.putArray("participants").addObject().put("person_id", symbol("contacts", contactId)).put("primary", true);
        return new RecordMapped("tasks", id, "activity", "tasks:" + id, p,
                List.of(new RecordMapped.Reference("person_id", "contacts", contactId, symbol("contacts", contactId))),
                List.of(), 1, "tasks:" + id);
    }
}

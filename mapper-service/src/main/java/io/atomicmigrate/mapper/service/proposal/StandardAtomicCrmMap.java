package io.atomicmigrate.mapper.service.proposal;

import io.atomicmigrate.common.map.ActivityTypeMapping;
import io.atomicmigrate.common.map.CustomFieldSpec;
import io.atomicmigrate.common.map.DedupPolicy;
import io.atomicmigrate.common.map.FieldLine;
import io.atomicmigrate.common.map.FieldType;
import io.atomicmigrate.common.map.LabelPolicy;
import io.atomicmigrate.common.map.NoteStatusPolicy;
import io.atomicmigrate.common.map.ObjectMapping;
import io.atomicmigrate.common.map.OwnerPolicy;
import io.atomicmigrate.common.map.PersonLeadRule;
import io.atomicmigrate.common.map.PipelineMapping;
import io.atomicmigrate.common.map.StageMapping;
import io.atomicmigrate.common.map.Target;
import io.atomicmigrate.common.map.Transform;
import io.atomicmigrate.common.map.TransformKind;
import io.atomicmigrate.common.map.UnknownValuePolicy;
import io.atomicmigrate.mapper.service.values.NearestPipedriveColour;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Built-in knowledge of the standard Atomic CRM schema (ATOMIC_CRM.md §2) and where each column
 * goes in Pipedrive (PIPEDRIVE.md §3). Every standard column has a line: a standard field, a
 * custom field, or a documented loss; none is left out silently.
 */
public final class StandardAtomicCrmMap {

    /** The upstream palette plus the CSV-import grey (ATOMIC_CRM.md §5.4, §2.8). */
    static final List<String> TAG_PALETTE = List.of("#eddcd2", "#fff1e6", "#fde2e4", "#fad2e1", "#c5dedd", "#dbe7e4",
            "#f0efeb", "#d6e2e9", "#bcd4e6", "#99c1de", "#f9f9f9");
    /** Atomic CRM's dashboard weights for the default stages: the only probabilities it has (§5.5). */
    static final Map<String, Integer> DEFAULT_PROBABILITIES = Map.of("opportunity", 20, "proposal-sent", 50,
            "in-negociation", 80, "delayed", 30, "won", 100, "lost", 0);
    /** Activity types of a new Pipedrive account (PIPEDRIVE.md §6). */
    static final Set<String> PIPEDRIVE_DEFAULT_TYPES = Set.of("call", "meeting", "task", "deadline", "email", "lunch");
    private static final Map<String, String> ICONS = Map.of("demo", "presentation", "follow-up", "loop",
            "thank-you", "bubble", "ship", "truck");

    private StandardAtomicCrmMap() {
    }

    static FieldLine line(String table, String column, Target target, Transform transform, boolean required,
                          double confidence, String reason) {
        return new FieldLine(table + "." + column, List.of(column), target, transform, required, confidence, reason,
                "standard");
    }

    static FieldLine multi(String table, String id, List<String> columns, Target target, Transform transform,
                           boolean required, double confidence, String reason) {
        return new FieldLine(table + "." + id, columns, target, transform, required, confidence, reason, "standard");
    }

    static Target std(String field) {
        return Target.standard(field);
    }

    static Target custom(String name, FieldType type, List<String> options) {
        return Target.custom(new CustomFieldSpec(name, type, options));
    }

    static Transform t(TransformKind kind, String... params) {
        Map<String, String> p = new LinkedHashMap<>();
        for (int i = 0; i + 1 < params.length; i += 2) {
            p.put(params[i], params[i + 1]);
        }
        return Transform.of(kind, p);
    }

    static String codeTable(List<CrmConfiguration.Item> items) {
        return items.stream().map(i -> i.value() + ":" + i.label().replace(",", " ")).collect(Collectors.joining(","));
    }

    static List<String> labels(List<CrmConfiguration.Item> items) {
        return items.stream().map(CrmConfiguration.Item::label).distinct().toList();
    }

    /** Standard objects; {@code extraOptions} adds values seen in the data to option fields (table.column → values). */
    public static List<ObjectMapping> objects(CrmConfiguration config, Map<String, Set<String>> extraOptions) {
        List<ObjectMapping> objects = new ArrayList<>();
        objects.add(companies(config, extraOptions));
        objects.add(contacts(config, extraOptions));
        objects.add(deals(config));
        objects.add(notes("contact_notes", "contact_id", "person_id", "contacts"));
        objects.add(notes("deal_notes", "deal_id", "deal_id", "deals"));
        objects.add(tasks());
        objects.add(tags());
        objects.add(sales());
        objects.add(new ObjectMapping("attachments", "file", "Every element of contact_notes.attachments and "
                + "deal_notes.attachments becomes one Pipedrive File on the note's person or deal (Pipedrive files"
                + " cannot be attached to a note). The file service streams them from Supabase Storage; the"
                + " original name is the element's title.", List.of()));
        objects.add(new ObjectMapping("configuration", "none", "Read for stages, categories, task types, note"
                + " statuses, sectors and currency (the global sections of this map); not migrated as data.", List.of()));
        objects.add(new ObjectMapping("favicons_excluded_domains", "none", "Internal lookup of the avatar and logo"
                + " triggers; not CRM data.", List.of()));
        return objects;
    }

    private static List<String> options(List<String> base, Set<String> extra) {
        Set<String> all = new LinkedHashSet<>(base);
        if (extra != null) {
            all.addAll(extra);
        }
        return List.copyOf(all);
    }

    static ObjectMapping companies(CrmConfiguration config, Map<String, Set<String>> extra) {
        String c = "companies";
        return new ObjectMapping(c, "organization", "Every company becomes an Organization; organizations are"
                + " matched to existing ones by name.", List.of(
                line(c, "name", std("name"), t(TransformKind.TEXT, "maxLength", "255", "onOverflow", "truncate"), true,
                        0.99, "Organization name; Pipedrive requires it and holds 255 characters"),
                multi(c, "address", List.of("address", "zipcode", "city", "state_abbr", "country"), std("address"),
                        t(TransformKind.ADDRESS), false, 0.9,
                        "Street, postal code, city, state and country composed into Pipedrive's one address field"),
                line(c, "website", std("website"), t(TransformKind.TEXT, "maxLength", "255"), false, 0.95,
                        "Standard website field"),
                line(c, "linkedin_url", std("linkedin"), t(TransformKind.TEXT, "maxLength", "255"), false, 0.9,
                        "Standard LinkedIn field"),
                line(c, "size", std("employee_count"),
                        t(TransformKind.CODE_MAP, "map", "1:1,10:9,50:49,250:249,500:250"), false, 0.7,
                        "size is a bucket code (1, 10, 50, 250, 500), not a headcount: employee_count gets the"
                                + " bucket's upper bound (500 means 250 or more)"),
                line(c, "sector", custom("Sector", FieldType.ENUM,
                                options(labels(config.companySectors()), extra.get("companies.sector"))),
                        t(TransformKind.CONFIG_OPTION, "config", "companySectors", "map", codeTable(config.companySectors())),
                        false, 0.85, "Pipedrive's industry options differ per account; an option field keeps the"
                                + " CRM's sector labels"),
                line(c, "phone_number", custom("Phone", FieldType.PHONE, null), t(TransformKind.TEXT), false, 0.85,
                        "Organizations have no standard phone field"),
                line(c, "revenue", custom("Revenue", FieldType.VARCHAR, null), t(TransformKind.TEXT), false, 0.75,
                        "revenue is free text such as '$10M'; annual_revenue takes only integers"),
                line(c, "tax_identifier", custom("Tax identifier", FieldType.VARCHAR, null), t(TransformKind.TEXT),
                        false, 0.85, "No standard tax id field"),
                line(c, "description", custom("Description", FieldType.TEXT, null), t(TransformKind.TEXT), false, 0.85,
                        "Long text (up to 65,536 characters)"),
                line(c, "context_links", custom("Context links", FieldType.TEXT, null), t(TransformKind.JSON_TEXT),
                        false, 0.6, "A JSON array of URLs, one per line in a long-text field"),
                line(c, "logo", custom("Logo URL", FieldType.VARCHAR, null), t(TransformKind.IMAGE_URL), false, 0.5,
                        "Pipedrive organizations have no logo upload by API; generated favicons are dropped, real"
                                + " URLs kept"),
                line(c, "sales_id", std("owner_id"), t(TransformKind.OWNER), false, 0.95, "Owner, via the owners section"),
                line(c, "created_at", std("add_time"), t(TransformKind.TIMESTAMP_UTC), false, 0.95,
                        "Organizations accept their original creation time on create")));
    }

    static ObjectMapping contacts(CrmConfiguration config, Map<String, Set<String>> extra) {
        String c = "contacts";
        return new ObjectMapping(c, "person", PersonLeadRule.DEFAULT_RULE, List.of(
                multi(c, "name", List.of("first_name", "last_name"), std("name"),
                        t(TransformKind.FULL_NAME, "maxLength", "255", "onOverflow", "truncate"), true, 0.98,
                        "Pipedrive persons need a name; first and last name joined"),
                line(c, "email_jsonb", std("emails"), t(TransformKind.EMAILS, "onInvalid", "drop"), false, 0.95,
                        "All addresses with their Work/Home/Other labels; the first is primary and the dedup key;"
                                + " invalid addresses are dropped with a warning"),
                line(c, "phone_jsonb", std("phones"), t(TransformKind.PHONES), false, 0.93,
                        "All numbers with their labels, as typed (phones are free text)"),
                line(c, "company_id", std("org_id"), t(TransformKind.REFERENCE, "table", "companies"), false, 0.97,
                        "The person's organization"),
                line(c, "sales_id", std("owner_id"), t(TransformKind.OWNER), false, 0.95, "Owner, via the owners section"),
                line(c, "tags", std("label_ids"), t(TransformKind.TAG_LABELS), false, 0.85,
                        "Tags become person labels; dangling tag ids are dropped with a warning"),
                line(c, "first_seen", std("add_time"), t(TransformKind.TIMESTAMP_UTC), false, 0.8,
                        "Contacts have no creation time; first_seen is set when the contact is created"),
                line(c, "title", custom("Job title", FieldType.VARCHAR, null),
                        t(TransformKind.TEXT, "maxLength", "255", "onOverflow", "truncate"), false, 0.8,
                        "job_title exists only with contact sync; a custom field always works"),
                line(c, "background", custom("Background", FieldType.TEXT, null),
                        t(TransformKind.TEXT, "maxLength", "65536", "onOverflow", "truncate"), false, 0.85,
                        "Free-text background, long text"),
                line(c, "gender", custom("Gender", FieldType.ENUM, List.of("He/Him", "She/Her", "They/Them")),
                        t(TransformKind.CODE_MAP, "map", "male:He/Him,female:She/Her,nonbinary:They/Them"), false, 0.8,
                        "Pipedrive has no gender; the CRM's codes become its display labels"),
                line(c, "has_newsletter", custom("Newsletter", FieldType.ENUM, List.of("Yes", "No")),
                        t(TransformKind.BOOLEAN_OPTION), false, 0.8,
                        "marketing_status needs Campaigns and can change only once; a Yes/No field is safe"),
                line(c, "status", custom("Contact status", FieldType.ENUM,
                                options(labels(config.noteStatuses()), extra.get("contacts.status"))),
                        t(TransformKind.CONFIG_OPTION, "config", "noteStatuses", "map", codeTable(config.noteStatuses())),
                        false, 0.75, "The status of the latest note (cold/warm/hot/...)"),
                line(c, "linkedin_url", custom("LinkedIn", FieldType.VARCHAR, null), t(TransformKind.TEXT), false, 0.8,
                        "Persons have no standard LinkedIn field"),
                line(c, "avatar", custom("Avatar URL", FieldType.VARCHAR, null), t(TransformKind.IMAGE_URL), false, 0.4,
                        "Avatars are generated (Gravatar, favicon, or {\"src\":\"ERROR\"}); only real URLs are kept"),
                line(c, "last_seen", custom("Last seen", FieldType.DATE, null), t(TransformKind.DATE), false, 0.6,
                        "Last activity date; Pipedrive computes its own from activities, the time of day is lost")));
    }

    static ObjectMapping deals(CrmConfiguration config) {
        String d = "deals";
        return new ObjectMapping(d, "deal", "Every deal becomes a Pipedrive deal in the pipeline of its category."
                + " The first contact is the deal's person, the others participants.", List.of(
                line(d, "name", std("title"), t(TransformKind.TEXT, "maxLength", "255", "onOverflow", "truncate"), true,
                        0.99, "Deal title; required"),
                line(d, "category", std("pipeline_id"), t(TransformKind.DEAL_PIPELINE), false, 0.85,
                        "One pipeline per category (the pipelines section)"),
                line(d, "stage", std("stage_id"), t(TransformKind.DEAL_STAGE), true, 0.9,
                        "Stage by the stages section; won and lost become the deal status"),
                line(d, "amount", std("value"), t(TransformKind.NUMBER, "currency", config.currency()), false, 0.95,
                        "Whole units in the CRM's one currency (" + config.currency() + ")"),
                line(d, "expected_closing_date", std("expected_close_date"), t(TransformKind.DATE), false, 0.95,
                        "Same meaning, YYYY-MM-DD (old schemas hold a timestamp: its UTC date)"),
                line(d, "archived_at", std("is_archived"), t(TransformKind.ARCHIVED), false, 0.9,
                        "Archived is orthogonal to won/lost in both systems"),
                line(d, "company_id", std("org_id"), t(TransformKind.REFERENCE, "table", "companies"), false, 0.95,
                        "The deal's organization"),
                line(d, "contact_ids", std("person_id"), t(TransformKind.DEAL_CONTACTS), false, 0.85,
                        "First contact → person, others → participants; ids of deleted contacts are dropped"),
                line(d, "sales_id", std("owner_id"), t(TransformKind.OWNER), false, 0.95, "Owner"),
                line(d, "description", custom("Description", FieldType.TEXT, null), t(TransformKind.TEXT), false, 0.85,
                        "Deals have no description field"),
                line(d, "created_at", custom("Created in Atomic CRM", FieldType.DATE, null), t(TransformKind.DATE),
                        false, 0.8, "Deals cannot be back-dated in Pipedrive (add_time is not accepted); the date is"
                                + " kept in a custom field, the time of day is lost"),
                line(d, "updated_at", Target.loss(), t(TransformKind.NONE), false, 0.95,
                        "Never refreshed in Atomic CRM: it equals the insert time and means nothing"),
                line(d, "index", Target.loss(), t(TransformKind.NONE), false, 0.9,
                        "Position on the kanban column; Pipedrive orders its board itself")));
    }

    static ObjectMapping notes(String table, String parentColumn, String parentField, String parentTable) {
        List<FieldLine> lines = new ArrayList<>();
        if (table.equals("contact_notes")) {
            lines.add(multi(table, "text", List.of("text", "status"), std("content"),
                    t(TransformKind.MARKDOWN_TO_HTML, "maxLength", "100000", "onOverflow", "truncate"), false, 0.9,
                    "Markdown to HTML; the note status is written at the top (the noteStatuses section)"));
        } else {
            lines.add(line(table, "text", std("content"),
                    t(TransformKind.MARKDOWN_TO_HTML, "maxLength", "100000", "onOverflow", "truncate"), false, 0.9,
                    "Markdown to HTML"));
        }
        lines.add(line(table, parentColumn, std(parentField), t(TransformKind.REFERENCE, "table", parentTable), true,
                0.98, "The note's " + (parentTable.equals("contacts") ? "person" : "deal")));
        lines.add(line(table, "date", std("add_time"), t(TransformKind.TIMESTAMP_UTC, "format", "pipedrive-v1"), false,
                0.9, "Notes keep their original date (v1 format, UTC)"));
        lines.add(line(table, "sales_id", std("user_id"), t(TransformKind.OWNER), false, 0.85,
                "Author; setting it needs an admin token"));
        lines.add(line(table, "attachments", Target.loss(), t(TransformKind.NONE), false, 0.9,
                "Moved as Files (the attachments object) by the file service, not part of the note"));
        if (table.equals("deal_notes")) {
            lines.add(line(table, "type", Target.loss(), t(TransformKind.NONE), false, 0.95,
                    "Legacy column the CRM neither reads nor writes"));
        }
        return new ObjectMapping(table, "note", "Every note becomes a Pipedrive note on its "
                + (parentTable.equals("contacts") ? "person" : "deal") + ", with its original date.", lines);
    }

    static ObjectMapping tasks() {
        String t = "tasks";
        return new ObjectMapping(t, "activity", "Every task becomes an activity of its contact's person.", List.of(
                line(t, "text", std("subject"), t(TransformKind.TEXT, "maxLength", "255", "onOverflow", "truncate"),
                        false, 0.85, "Activities have a 255-character subject"),
                line(t, "type", std("type"), t(TransformKind.ACTIVITY_TYPE), false, 0.9,
                        "Task type → activity type (the activityTypes section)"),
                line(t, "due_date", std("due_date"), t(TransformKind.DUE_DATE_TIME), false, 0.9,
                        "Due date and time, in UTC"),
                line(t, "done_date", std("done"), t(TransformKind.DONE_FLAG), false, 0.85,
                        "Done flag; the completion time cannot be written in Pipedrive and is lost"),
                line(t, "contact_id", std("person_id"), t(TransformKind.REFERENCE, "table", "contacts"), true, 0.95,
                        "The activity's person (primary participant)"),
                line(t, "sales_id", std("owner_id"), t(TransformKind.OWNER), false, 0.85,
                        "Owner; tasks.sales_id has no foreign key and may dangle")));
    }

    static ObjectMapping tags() {
        String t = "tags";
        return new ObjectMapping(t, "label", "Every tag becomes an option of the person Label field.", List.of(
                line(t, "name", std("name"), t(TransformKind.TEXT, "maxLength", "255"), true, 0.95, "Label name"),
                line(t, "color", std("color"), t(TransformKind.NEAREST_COLOUR), false, 0.7,
                        "Nearest of Pipedrive's ten label colours")));
    }

    static ObjectMapping sales() {
        String s = "sales";
        return new ObjectMapping(s, "user", "CRM users are matched to Pipedrive users by e-mail (owners section);"
                + " nothing is created.", List.of(
                line(s, "email", std("email"), t(TransformKind.TEXT), true, 0.95, "The match key (case-insensitive)"),
                multi(s, "name", List.of("first_name", "last_name"), std("name"), t(TransformKind.FULL_NAME), false,
                        0.8, "For the reviewer; 'Pending' names were never set"),
                line(s, "disabled", Target.loss(), t(TransformKind.NONE), false, 0.8,
                        "Disabled users still own records; deactivating Pipedrive users is a human decision"),
                line(s, "administrator", Target.loss(), t(TransformKind.NONE), false, 0.8,
                        "Permissions are set in Pipedrive"),
                line(s, "avatar", Target.loss(), t(TransformKind.NONE), false, 0.8, "Users keep their Pipedrive picture")));
    }

    public static OwnerPolicy owners() {
        return new OwnerPolicy("email", Map.of(), "block", null);
    }

    public static List<PipelineMapping> pipelines(CrmConfiguration config, Set<String> unknownCategories) {
        List<PipelineMapping> out = new ArrayList<>();
        for (CrmConfiguration.Item c : config.dealCategories()) {
            out.add(new PipelineMapping(c.value(), c.label(), c.label(), 0.85,
                    "One pipeline per deal category keeps what categories separated on one board"));
        }
        out.add(new PipelineMapping("", "(no category)", "Deals", 0.8,
                "Deals without a category (and, by the unknownValues policy, with an unknown one)"));
        for (String unknown : unknownCategories) {
            out.add(new PipelineMapping(unknown, unknown, unknown, 0.4, "Category '" + unknown
                    + "' is in the data but not in the configuration; review"));
        }
        return out;
    }

    public static List<StageMapping> stages(CrmConfiguration config) {
        List<StageMapping> out = new ArrayList<>();
        int order = 1;
        for (CrmConfiguration.Item s : config.dealStages()) {
            String status = s.value().equals("won") ? "won" : s.value().equals("lost") ? "lost" : "open";
            Integer probability = DEFAULT_PROBABILITIES.get(s.value());
            String reason = switch (status) {
                case "won" -> "The value 'won' means won (hard-coded in Atomic CRM); Pipedrive has won as a status";
                case "lost" -> "The value 'lost' means lost; Pipedrive has lost as a status";
                default -> probability == null ? "Open stage; no probability in Atomic CRM"
                        : "Open stage; probability from Atomic CRM's dashboard weight";
            };
            out.add(new StageMapping(s.value(), s.label(), s.label(), order++, probability, status,
                    probability == null && status.equals("open") ? 0.7 : 0.9, reason));
        }
        return out;
    }

    public static List<ActivityTypeMapping> activityTypes(CrmConfiguration config) {
        List<ActivityTypeMapping> out = new ArrayList<>();
        for (CrmConfiguration.Item t : config.taskTypes()) {
            String key = t.value().replace('-', '_');
            if (t.value().equals("none")) {
                out.add(new ActivityTypeMapping(t.value(), t.label(), "task", "Task", "task", false, 0.85,
                        "'None' is the UI default; Pipedrive's generic type is Task"));
            } else if (PIPEDRIVE_DEFAULT_TYPES.contains(key)) {
                out.add(new ActivityTypeMapping(t.value(), t.label(), key, t.label(), key, false, 0.95,
                        "Exists in every Pipedrive account"));
            } else {
                out.add(new ActivityTypeMapping(t.value(), t.label(), key, t.label(), ICONS.getOrDefault(t.value(), "task"),
                        true, 0.8, "Not a Pipedrive default; created with this name"));
            }
        }
        return out;
    }

    public static LabelPolicy labels() {
        Map<String, String> colours = new LinkedHashMap<>();
        TAG_PALETTE.forEach(hex -> colours.put(hex, NearestPipedriveColour.of(hex)));
        return new LabelPolicy("person", colours, "gray");
    }

    public static NoteStatusPolicy noteStatuses(CrmConfiguration config) {
        Map<String, String> labels = new LinkedHashMap<>();
        config.noteStatuses().forEach(s -> labels.put(s.value(), s.label()));
        return new NoteStatusPolicy("prefix", labels);
    }

    public static DedupPolicy dedup() {
        return new DedupPolicy("email", "name", "merge");
    }

    public static UnknownValuePolicy unknownValues() {
        return new UnknownValuePolicy("first-stage", "default-pipeline", "default-type", "add-option");
    }

    public static PersonLeadRule personLeadRule() {
        return new PersonLeadRule(PersonLeadRule.DEFAULT_RULE, true, "{name}");
    }
}

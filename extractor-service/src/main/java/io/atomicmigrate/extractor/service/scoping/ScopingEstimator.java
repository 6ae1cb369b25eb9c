package io.atomicmigrate.extractor.service.scoping;

import io.atomicmigrate.extractor.service.discovery.DiscoveryReport;
import io.atomicmigrate.extractor.service.scoping.ScopingReport.Operation;
import io.atomicmigrate.extractor.service.scoping.ScopingReport.PhaseEstimate;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a discovery report into a scoping report. Costs are the {@code x-token-cost} of each
 * operation in Pipedrive's OpenAPI specs (PIPEDRIVE.md §2.3); the plan follows DESIGN §5: one
 * create call per record, with custom fields, labels, owner and organisation in that call, and
 * lookups from list calls (500 per page), never per-record searches.
 */
@ApplicationScoped
public class ScopingEstimator {

    private static final int PAGE = 500;

    public ScopingReport estimate(DiscoveryReport d, int seats) {
        if (seats < 1) {
            throw new IllegalArgumentException("seats must be at least 1");
        }
        Map<String, Long> counts = d.rowCounts();
        long companies = n(counts, "companies");
        long contacts = n(counts, "contacts");
        long deals = n(counts, "deals");
        long notes = n(counts, "contact_notes") + n(counts, "deal_notes");
        long tasks = n(counts, "tasks");
        long sales = n(counts, "sales");
        long files = d.attachments() == null ? 0 : d.attachments().values().stream()
                .mapToLong(a -> a.files()).sum();
        long leads = d.volumes().leadCandidates();

        int categories = d.effectiveConfig().path("dealCategories").size();
        int stages = d.effectiveConfig().path("dealStages").size();
        int taskTypes = d.effectiveConfig().path("taskTypes").size();
        long customPerson = d.customColumns().stream().filter(c -> c.table().equals("contacts")).count();
        long customOrg = d.customColumns().stream().filter(c -> c.table().equals("companies")).count();
        long customDeal = d.customColumns().stream().filter(c -> c.table().equals("deals")).count();
        // marker field atomic_crm_id per entity type (DESIGN §5) + the standard fields Pipedrive lacks:
        // sector and size (organization), gender/status/background (person), category (deal)
        long personFields = customPerson + 1 + 3;
        long orgFields = customOrg + 1 + 2;
        long dealFields = customDeal + 1 + 1;

        List<PhaseEstimate> phases = new ArrayList<>();
        phases.add(phase("SETUP", categories + stages + taskTypes + personFields + orgFields + dealFields, List.of(
                op("getUsers", "GET", "/v1/users", 1, 20),
                op("getPersons", "GET", "/api/v2/persons", pages(1), 10),
                op("getOrganizations", "GET", "/api/v2/organizations", pages(1), 10),
                op("getPipelines", "GET", "/api/v2/pipelines", 1, 5),
                op("addPipeline", "POST", "/api/v2/pipelines", Math.max(1, categories), 5),
                op("addStage", "POST", "/api/v2/stages", (long) Math.max(1, categories) * stages, 5),
                op("getActivityTypes", "GET", "/v1/activityTypes", 1, 20),
                op("addActivityType", "POST", "/v1/activityTypes", taskTypes, 10),
                op("addPersonField", "POST", "/api/v2/personFields", personFields, 5),
                op("addOrganizationField", "POST", "/api/v2/organizationFields", orgFields, 5),
                op("addDealField", "POST", "/api/v2/dealFields", dealFields, 5),
                // tags become options of the person label field: one options call per 100 labels
                op("addPersonFieldOptions", "POST", "/api/v2/personFields/{field_code}/options",
                        (d.volumes().tagsInUse() + 99) / 100, 5))));
        phases.add(phase("ORGANIZATIONS", companies, List.of(
                op("addOrganization", "POST", "/api/v2/organizations", companies, 5))));
        phases.add(phase("PERSONS", contacts, List.of(
                op("addPerson", "POST", "/api/v2/persons", contacts, 5))));
        phases.add(phase("LEADS", leads, List.of(
                op("addLead", "POST", "/v1/leads", leads, 10))));
        phases.add(phase("DEALS", deals, List.of(
                op("addDeal", "POST", "/api/v2/deals", deals, 5),
                op("addDealParticipant", "POST", "/v1/deals/{id}/participants", d.volumes().extraDealParticipants(), 10))));
        phases.add(phase("NOTES", notes, List.of(
                op("addNote", "POST", "/v1/notes", notes, 10))));
        phases.add(phase("ACTIVITIES", tasks, List.of(
                op("addActivity", "POST", "/api/v2/activities", tasks, 5))));
        phases.add(phase("FILES", files, List.of(
                op("addFile", "POST", "/v1/files", files, 10))));
        phases.add(phase("VERIFY", companies + contacts + leads + deals + notes + tasks + files, List.of(
                op("getOrganizations", "GET", "/api/v2/organizations", pages(companies), 10),
                op("getPersons", "GET", "/api/v2/persons", pages(contacts), 10),
                op("getLeads", "GET", "/v1/leads", pages(leads), 20),
                op("getDeals", "GET", "/api/v2/deals", pages(deals), 10),
                op("getNotes", "GET", "/v1/notes", pages(notes), 20),
                op("getActivities", "GET", "/api/v2/activities", pages(tasks), 10),
                op("getFiles", "GET", "/v1/files", pages(files), 20))));

        long calls = phases.stream().mapToLong(PhaseEstimate::calls).sum();
        long tokens = phases.stream().mapToLong(PhaseEstimate::tokens).sum();
        List<ScopingReport.PlanDuration> durations = new ArrayList<>();
        for (PipedrivePlan plan : PipedrivePlan.values()) {
            durations.add(duration(plan, seats, calls, tokens));
        }
        Map<String, Long> objects = new LinkedHashMap<>();
        objects.put("organizations (companies)", companies);
        objects.put("persons (contacts)", contacts);
        objects.put("leads (contacts without company or deal)", leads);
        objects.put("deals", deals);
        objects.put("notes (contact and deal notes)", notes);
        objects.put("activities (tasks)", tasks);
        objects.put("files (note attachments)", files);
        objects.put("owners (sales)", sales);
        objects.put("labels (tags in use)", d.volumes().tagsInUse());
        List<String> assumptions = List.of(
                "one create call per record; custom fields, labels, owner and organisation go in that call (DESIGN §5)",
                "deal participants beyond the first contact cost one call each",
                "existing Pipedrive persons and organizations are listed once for dedup (one page assumed)",
                "tags become person labels; deal categories become pipelines, each with every stage",
                "durations assume this migration has the account's whole budget, " + seats + " seat(s), API-token burst"
                        + " limits, and that the day's budget is full when the load starts",
                "files count calls only; upload time depends on file sizes and bandwidth");
        return new ScopingReport(d.migrationId(), d.schemaGeneration(), objects, d.customColumns(),
                d.unknownConfigValues(), d.warnings(), complexity(d, companies + contacts + deals + notes + tasks, files),
                phases, calls, tokens, seats, durations, assumptions);
    }

    static ScopingReport.PlanDuration duration(PipedrivePlan plan, int seats, long calls, long tokens) {
        long daily = plan.dailyTokens(seats);
        double burstSeconds = calls / (plan.burstPer2s() / 2.0);
        long budgetDays = Math.max(1, (tokens + daily - 1) / daily);
        // each exhausted budget means waiting for the next midnight reset: count a whole day per reset
        double estimated = budgetDays > 1 ? Math.max(burstSeconds, (budgetDays - 1) * 86_400.0 + burstSeconds / budgetDays)
                : burstSeconds;
        return new ScopingReport.PlanDuration(plan.name(), daily, plan.burstPer2s(), round(burstSeconds), budgetDays,
                round(estimated), human(estimated), budgetDays > 1 ? "DAILY_BUDGET" : "BURST");
    }

    private ScopingReport.Complexity complexity(DiscoveryReport d, long records, long files) {
        int score = 0;
        List<String> reasons = new ArrayList<>();
        if (!d.customColumns().isEmpty()) {
            int pts = d.customColumns().size() > 10 ? 2 : 1;
            score += pts;
            reasons.add(d.customColumns().size() + " custom column(s) need custom fields (+" + pts + ")");
        }
        long unknownColumns = d.unknownConfigValues().stream().map(u -> u.table() + "." + u.column()).distinct().count();
        if (unknownColumns > 0) {
            score += (int) Math.min(3, unknownColumns);
            reasons.add(d.unknownConfigValues().size() + " value(s) in " + unknownColumns
                    + " column(s) are not in the configuration and need mapping decisions (+" + Math.min(3, unknownColumns) + ")");
        }
        if (!"CURRENT".equals(d.schemaGeneration())) {
            int pts = "V2024".equals(d.schemaGeneration()) ? 2 : 1;
            score += pts;
            reasons.add("older schema generation " + d.schemaGeneration() + " (legacy names, label-valued rows) (+" + pts + ")");
        }
        if (d.configSources().containsValue("APP_TSX")) {
            score += 1;
            reasons.add("configuration comes from App.tsx, not the database (+1)");
        }
        if (files > 0) {
            score += 1;
            reasons.add(files + " attachment file(s) to transfer (+1)");
        }
        if (records > 1_000_000) {
            score += 2;
            reasons.add(records + " records: a multi-day load on smaller plans (+2)");
        } else if (records > 100_000) {
            score += 1;
            reasons.add(records + " records (+1)");
        }
        if (!d.missingColumns().isEmpty()) {
            score += 1;
            reasons.add(d.missingColumns().size() + " standard column(s) missing (+1)");
        }
        String grade = score <= 1 ? "LOW" : score <= 3 ? "MEDIUM" : score <= 6 ? "HIGH" : "VERY_HIGH";
        if (reasons.isEmpty()) {
            reasons.add("standard schema, standard configuration, no files, small volume");
        }
        return new ScopingReport.Complexity(grade, score, reasons);
    }

    private static PhaseEstimate phase(String name, long records, List<Operation> ops) {
        List<Operation> used = ops.stream().filter(o -> o.calls() > 0).toList();
        return new PhaseEstimate(name, records, used, used.stream().mapToLong(Operation::calls).sum(),
                used.stream().mapToLong(Operation::tokens).sum());
    }

    private static Operation op(String id, String method, String path, long calls, int tokens) {
        return new Operation(id, method, path, calls, tokens);
    }

    private static long pages(long rows) {
        return Math.max(1, (rows + PAGE - 1) / PAGE);
    }

    private static long n(Map<String, Long> counts, String table) {
        return counts.getOrDefault(table, 0L);
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    static String human(double seconds) {
        long s = Math.round(seconds);
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return (s / 60) + " min " + (s % 60) + " s";
        }
        if (s < 86_400) {
            return (s / 3600) + " h " + (s % 3600 / 60) + " min";
        }
        return (s / 86_400) + " d " + (s % 86_400 / 3600) + " h";
    }
}

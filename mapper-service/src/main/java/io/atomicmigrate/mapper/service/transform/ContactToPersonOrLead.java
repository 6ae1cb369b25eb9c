package io.atomicmigrate.mapper.service.transform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atomicmigrate.common.events.Phase;
import io.atomicmigrate.common.events.payload.RecordMapped;
import io.atomicmigrate.common.map.ObjectMapping;
import io.atomicmigrate.common.map.PersonLeadRule;
import java.util.List;

/**
 * Where a contact becomes a Person (and, by the Person/Lead rule, a Lead). The rule: a contact
 * linked to at least one deal is a Person in its Organization; with no deal and no company it is a
 * Lead with its Person; otherwise a Person. A lead needs its person first, so the person goes out
 * in the PERSONS phase and the lead in the LEADS phase.
 *
 * <p>Deal links live on deals ({@code contact_ids}), not on the contact row; when the extractor
 * adds them to the row as {@code deal_ids}, they decide. Without them, only the company decides
 * and the lead says so in a warning.
 */
public final class ContactToPersonOrLead extends ObjectTransformer {

    @Override
    public String table() {
        return "contacts";
    }

    /** A contact is a person, and in the LEADS phase (by the rule) a lead. */
    @Override
    public String object(Phase phase) {
        return phase == Phase.LEADS ? "lead" : "person";
    }

    @Override
    public String marker(String sourceId, Phase phase) {
        return phase == Phase.LEADS ? "contacts:" + sourceId + ":lead" : "contacts:" + sourceId;
    }

    @Override
    public TransformOutcome transform(String sourceId, JsonNode row, Phase phase, ObjectMapping mapping, TransformRun run) {
        MappedRecordDraft person = applyLines(sourceId, row, mapping, "person", run);
        if (person.rejected()) {
            return reject(person, row, run);
        }
        if (phase == Phase.LEADS) {
            return lead(sourceId, row, person, run);
        }
        return TransformOutcome.of(person.toMapped(dedupKey(sourceId, person.payload()), run.mapVersion()));
    }

    /** The first valid e-mail address, lowercased; a contact without one is only its own duplicate. */
    static String dedupKey(String sourceId, ObjectNode payload) {
        JsonNode emails = payload.get("emails");
        if (emails != null && emails.isArray() && !emails.isEmpty()) {
            return emails.get(0).get("value").asText();
        }
        return "contacts:" + sourceId;
    }

    /** Whether the Person/Lead rule makes this contact a lead too. */
    public static boolean isLead(JsonNode row, PersonLeadRule rule) {
        if (rule != null && !rule.createLeads()) {
            return false;
        }
        JsonNode company = row.get("company_id");
        if (company != null && !company.isNull()) {
            return false;
        }
        JsonNode deals = row.get("deal_ids");
        return deals == null || !deals.isArray() || deals.isEmpty();
    }

    private TransformOutcome lead(String sourceId, JsonNode row, MappedRecordDraft person, TransformRun run) {
        PersonLeadRule rule = run.lookups().map().personLeadRule();
        if (!isLead(row, rule)) {
            // Every extracted row of a phase needs one verdict, or the phase never balances; this
            // contact is a Person only (migrated in the PERSONS phase): an explicit SKIP, not a rejection.
            return skip(sourceId, Phase.LEADS, notALead(sourceId, row, rule), run);
        }
        MappedRecordDraft lead = new MappedRecordDraft(table(), sourceId, "lead");
        String name = person.payload().path("name").asText("contact " + sourceId);
        String template = rule == null || rule.leadTitle() == null ? "{name}" : rule.leadTitle();
        lead.payload().put("title", template.replace("{name}", name));
        String personSymbol = SymbolicReferences.of("contacts", sourceId);
        lead.payload().put("person_id", personSymbol);
        lead.reference("person_id", "contacts", sourceId, personSymbol);
        JsonNode owner = person.payload().get("owner_id");
        if (owner != null) {
            lead.payload().set("owner_id", owner);
            lead.reference("owner_id", "sales", row.path("sales_id").asText(), owner.asText());
        }
        if (!row.has("deal_ids")) {
            lead.warn("DEAL_LINKS_UNKNOWN", "deal_ids", "the row does not say whether a deal lists this contact;"
                    + " decided on the company alone");
        }
        RecordMapped mapped = lead.toMapped(SymbolicReferences.lead(sourceId), run.mapVersion());
        return TransformOutcome.of(new RecordMapped(mapped.sourceTable(), mapped.sourceId(), mapped.object(),
                mapped.dedupKey(), mapped.payload(), mapped.references(), mapped.warnings(), mapped.mapVersion(),
                marker(sourceId, Phase.LEADS)));
    }

    /** Why the rule makes this contact no lead, in words a person checks against the source. */
    static String notALead(String sourceId, JsonNode row, PersonLeadRule rule) {
        if (rule != null && !rule.createLeads()) {
            return "contact " + sourceId + " is not a Lead: the approved map's lead rule creates no leads";
        }
        JsonNode company = row.get("company_id");
        JsonNode deals = row.get("deal_ids");
        List<String> links = new java.util.ArrayList<>(2);
        if (company != null && !company.isNull()) {
            links.add("company " + company.asText());
        }
        if (deals != null && deals.isArray() && !deals.isEmpty()) {
            links.add(deals.size() == 1 ? "deal " + deals.get(0).asText() : deals.size() + " deals");
        }
        return "contact " + sourceId + " is a Person under the lead rule (linked to " + String.join(" and ", links)
                + "), not a Lead";
    }
}

package io.atomicmigrate.extractor.service.discovery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The code defaults of {@code src/components/atomic-crm/root/defaultConfiguration.ts} at the
 * snapshot (ATOMIC_CRM.md §5.2–5.3), including the misspelled stage value {@code in-negociation}.
 */
public final class UpstreamDefaults {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final Map<String, JsonNode> DEFAULTS = new LinkedHashMap<>();

    static {
        DEFAULTS.put("title", F.textNode("Atomic CRM"));
        DEFAULTS.put("lightModeLogo", F.textNode("./logos/logo_atomic_crm_light.svg"));
        DEFAULTS.put("darkModeLogo", F.textNode("./logos/logo_atomic_crm_dark.svg"));
        DEFAULTS.put("currency", F.textNode("USD"));
        DEFAULTS.put("companySectors", items(
                "communication-services", "Communication Services", "consumer-discretionary", "Consumer Discretionary",
                "consumer-staples", "Consumer Staples", "energy", "Energy", "financials", "Financials",
                "health-care", "Health Care", "industrials", "Industrials",
                "information-technology", "Information Technology", "materials", "Materials",
                "real-estate", "Real Estate", "utilities", "Utilities"));
        DEFAULTS.put("dealCategories", items("other", "Other", "copywriting", "Copywriting",
                "print-project", "Print project", "ui-design", "UI Design", "website-design", "Website design"));
        DEFAULTS.put("taskTypes", items("none", "None", "email", "Email", "demo", "Demo", "lunch", "Lunch",
                "meeting", "Meeting", "follow-up", "Follow-up", "thank-you", "Thank you", "ship", "Ship",
                "call", "Call"));
        DEFAULTS.put("dealStages", items("opportunity", "Opportunity", "proposal-sent", "Proposal Sent",
                "in-negociation", "In Negotiation", "won", "Won", "lost", "Lost", "delayed", "Delayed"));
        DEFAULTS.put("dealPipelineStatuses", F.arrayNode().add("won"));
        ArrayNode statuses = F.arrayNode();
        String[][] s = {{"cold", "Cold", "#7dbde8"}, {"warm", "Warm", "#e8cb7d"}, {"hot", "Hot", "#e88b7d"},
                {"in-contract", "In Contract", "#a4e87d"}};
        for (String[] row : s) {
            statuses.addObject().put("value", row[0]).put("label", row[1]).put("color", row[2]);
        }
        DEFAULTS.put("noteStatuses", statuses);
    }

    private UpstreamDefaults() {
    }

    /** The default of a key (a copy), or null when the key has none (googleWorkplaceDomain). */
    public static JsonNode of(String key) {
        JsonNode v = DEFAULTS.get(key);
        return v == null ? null : v.deepCopy();
    }

    /** Keys with a code default, in §5.2 order. */
    public static Iterable<String> keys() {
        return DEFAULTS.keySet();
    }

    /** Upstream's exported consts, e.g. {@code defaultDealStages}, which a customer App.tsx may import. */
    static JsonNode byConstName(String name) {
        if (!name.startsWith("default") || name.length() <= "default".length()) {
            return null;
        }
        String rest = name.substring("default".length());
        String key = Character.toLowerCase(rest.charAt(0)) + rest.substring(1);
        return of(key);
    }

    private static ArrayNode items(String... valueLabel) {
        ArrayNode a = F.arrayNode();
        for (int i = 0; i < valueLabel.length; i += 2) {
            ObjectNode o = a.addObject();
            o.put("value", valueLabel[i]).put("label", valueLabel[i + 1]);
        }
        return a;
    }
}

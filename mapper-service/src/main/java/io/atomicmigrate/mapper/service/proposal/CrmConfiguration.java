package io.atomicmigrate.mapper.service.proposal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The Atomic CRM configuration the proposal works from: discovery's effective config laid over
 * the upstream code defaults (ATOMIC_CRM.md §5.1, §5.3). Legacy string-array items mean
 * value = label (§5.6).
 */
public record CrmConfiguration(String currency, List<Item> companySectors, List<Item> dealCategories,
                               List<Item> dealStages, List<String> dealPipelineStatuses, List<Item> taskTypes,
                               List<Item> noteStatuses) {

    /** One configured value and its label (and colour, for note statuses). */
    public record Item(String value, String label, String color) {
    }

    public static final CrmConfiguration DEFAULTS = new CrmConfiguration("USD",
            items("communication-services:Communication Services", "consumer-discretionary:Consumer Discretionary",
                    "consumer-staples:Consumer Staples", "energy:Energy", "financials:Financials",
                    "health-care:Health Care", "industrials:Industrials",
                    "information-technology:Information Technology", "materials:Materials",
                    "real-estate:Real Estate", "utilities:Utilities"),
            items("other:Other", "copywriting:Copywriting", "print-project:Print project", "ui-design:UI Design",
                    "website-design:Website design"),
            items("opportunity:Opportunity", "proposal-sent:Proposal Sent", "in-negociation:In Negotiation",
                    "won:Won", "lost:Lost", "delayed:Delayed"),
            List.of("won"),
            items("none:None", "email:Email", "demo:Demo", "lunch:Lunch", "meeting:Meeting", "follow-up:Follow-up",
                    "thank-you:Thank you", "ship:Ship", "call:Call"),
            List.of(new Item("cold", "Cold", "#7dbde8"), new Item("warm", "Warm", "#e8cb7d"),
                    new Item("hot", "Hot", "#e88b7d"), new Item("in-contract", "In Contract", "#a4e87d")));

    private static List<Item> items(String... pairs) {
        List<Item> out = new ArrayList<>();
        for (String p : pairs) {
            int colon = p.indexOf(':');
            out.add(new Item(p.substring(0, colon), p.substring(colon + 1), null));
        }
        return List.copyOf(out);
    }

    /** Discovery's effective config (may be null or partial) over the defaults, key by key. */
    public static CrmConfiguration from(JsonNode config) {
        if (config == null || !config.isObject()) {
            return DEFAULTS;
        }
        return new CrmConfiguration(
                config.hasNonNull("currency") ? config.get("currency").asText() : DEFAULTS.currency,
                list(config.get("companySectors"), DEFAULTS.companySectors),
                list(config.get("dealCategories"), DEFAULTS.dealCategories),
                list(config.get("dealStages"), DEFAULTS.dealStages),
                strings(config.get("dealPipelineStatuses"), DEFAULTS.dealPipelineStatuses),
                list(config.get("taskTypes"), DEFAULTS.taskTypes),
                list(config.get("noteStatuses"), DEFAULTS.noteStatuses));
    }

    private static List<Item> list(JsonNode node, List<Item> fallback) {
        if (node == null || !node.isArray()) {
            return fallback;
        }
        List<Item> out = new ArrayList<>();
        for (JsonNode n : node) {
            if (n.isTextual()) {
                out.add(new Item(n.asText(), n.asText(), null));
            } else if (n.isObject()) {
                String label = n.path("label").asText(null);
                String value = n.hasNonNull("value") ? n.get("value").asText()
                        : label == null ? null : io.atomicmigrate.mapper.service.values.ConfigValues.toSlug(label);
                if (value != null) {
                    out.add(new Item(value, label == null ? value : label, n.path("color").asText(null)));
                }
            }
        }
        return List.copyOf(out);
    }

    private static List<String> strings(JsonNode node, List<String> fallback) {
        if (node == null || !node.isArray()) {
            return fallback;
        }
        List<String> out = new ArrayList<>();
        node.forEach(n -> out.add(n.asText()));
        return List.copyOf(out);
    }
}

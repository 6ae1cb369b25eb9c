package io.atomicmigrate.loader.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atomicmigrate.common.map.MigrationMap;
import io.atomicmigrate.loader.client.Envelopes;
import io.atomicmigrate.loader.client.PipedriveAccount;
import io.atomicmigrate.loader.repository.DestinationLedger.DestinationObject;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * A tag becomes a lead label too when the map creates leads: Pipedrive's leads cannot carry person
 * label options, only lead labels ({@code /v1/leadLabels}, UUID ids), and those are the one kind of
 * label whose colour the API sets ({@link LeadLabelColours}). Found by name (case-insensitive) or
 * created, and recorded per tag ({@code lead_label}, {@code tags:<id>}) so a lead's {@code label_ids}
 * that point at tags resolve to it. An existing label keeps the customer's colour.
 */
@ApplicationScoped
public class LeadLabels {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private final DestinationDirectory destinations;

    public LeadLabels(DestinationDirectory destinations) {
        this.destinations = destinations;
    }

    /** Whether the approved map makes any contact a lead (no rule: the default rule, which does). */
    public static boolean wanted(MigrationMap map) {
        return map == null || map.personLeadRule() == null || map.personLeadRule().createLeads();
    }

    public static String name(String tagId) {
        return "tags:" + tagId;
    }

    /** The lead label of a tag, found or created; its UUID. */
    public String ensure(PipedriveAccount account, DestinationConfig dest, String tagId, String tagName, String colour) {
        String known = dest.get(DestinationConfig.LEAD_LABEL, name(tagId));
        if (known != null) {
            return known;
        }
        // unpaginated, 10 tokens, once per tag: tags are few, and another tag or a crashed attempt may have made it
        Optional<JsonNode> existing = Optional.empty();
        for (JsonNode l : Envelopes.data(account.call("getLeadLabels", () -> account.v1().leadLabels()))) {
            if (l.path("name").asText().strip().equalsIgnoreCase(tagName.strip())) {
                existing = Optional.of(l);
                break;
            }
        }
        JsonNode label;
        boolean created = existing.isEmpty();
        if (created) {
            ObjectNode body = F.objectNode().put("name", tagName.strip()).put("color", LeadLabelColours.of(colour));
            label = Envelopes.data(account.call("addLeadLabel", () -> account.v1().addLeadLabel(body)));
        } else {
            label = existing.get();
        }
        ObjectNode detail = F.objectNode().put("name", label.path("name").asText()).put("color", label.path("color").asText());
        String id = label.path("id").asText();
        destinations.record(dest, new DestinationObject(DestinationConfig.LEAD_LABEL, name(tagId), id, created, detail));
        return id;
    }
}

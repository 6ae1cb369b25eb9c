package io.atomicmigrate.loader.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.atomicmigrate.loader.client.Envelopes;
import io.atomicmigrate.loader.client.PipedriveAccount;
import io.atomicmigrate.loader.config.LoaderConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Resolves an open intent (DESIGN §5): did the create that was in flight when we crashed or timed
 * out reach Pipedrive? Entities with custom fields are found by their marker among the records
 * updated since the intent (one list call, {@code updated_since} + the marker column only); notes
 * and activities, which have no custom fields, by their parent's list and their content.
 */
@ApplicationScoped
public class IntentResolver {

    private final Duration lookback;

    public IntentResolver(LoaderConfig config) {
        this.lookback = config.writes().intentLookback();
    }

    public Optional<JsonNode> find(PipedriveAccount account, DestinationConfig dest, String object, String marker,
                                   JsonNode body, Instant intentAt) {
        String since = intentAt.minus(lookback).truncatedTo(ChronoUnit.SECONDS).toString();
        return switch (object) {
            case "person", "organization", "deal" -> byMarker(account, dest, object, marker, since);
            case "lead" -> byLeadMarker(account, dest, marker, body);
            case "note" -> byNoteContent(account, body);
            case "activity" -> byActivity(account, body, since);
            default -> Optional.empty();
        };
    }

    private static Optional<JsonNode> byMarker(PipedriveAccount account, DestinationConfig dest, String object,
                                               String marker, String since) {
        String key = dest.markerKey(object);
        String entity = object.equals("person") ? "persons" : object.equals("organization") ? "organizations" : "deals";
        String operation = object.equals("person") ? "getPersons" : object.equals("organization") ? "getOrganizations" : "getDeals";
        List<JsonNode> recent = Envelopes.allV2(c -> account.call(operation,
                () -> account.v2().list(entity, c, Envelopes.MAX_PAGE, since, key, null, null)));
        return recent.stream().filter(e -> marker.equals(e.path("custom_fields").path(key).asText(null))
                && !e.path("is_deleted").asBoolean(false)).findFirst();
    }

    private static Optional<JsonNode> byLeadMarker(PipedriveAccount account, DestinationConfig dest, String marker,
                                                   JsonNode body) {
        String key = dest.markerKey("deal");
        Long personId = body.hasNonNull("person_id") ? body.get("person_id").asLong() : null;
        List<JsonNode> leads = Envelopes.allV1(start -> account.call("getLeads",
                () -> account.v1().leads(start, Envelopes.MAX_PAGE, personId, null)));
        return leads.stream().filter(l -> marker.equals(l.path(key).asText(null))).findFirst();
    }

    private static Optional<JsonNode> byNoteContent(PipedriveAccount account, JsonNode body) {
        Long person = id(body, "person_id");
        Long deal = id(body, "deal_id");
        Long org = id(body, "org_id");
        List<JsonNode> notes = Envelopes.allV1(start -> account.call("getNotes",
                () -> account.v1().notes(start, Envelopes.MAX_PAGE, deal == null ? person : null, deal,
                        deal == null && person == null ? org : null, null)));
        String content = body.path("content").asText();
        String addTime = body.path("add_time").asText(null);
        return notes.stream().filter(n -> content.strip().equals(n.path("content").asText().strip())
                && (addTime == null || addTime.equals(n.path("add_time").asText(null)))
                && Objects.equals(person, id(n, "person_id")) && Objects.equals(deal, id(n, "deal_id"))).findFirst();
    }

    private static Optional<JsonNode> byActivity(PipedriveAccount account, JsonNode body, String since) {
        Long deal = id(body, "deal_id");
        Long person = body.path("participants").path(0).hasNonNull("person_id")
                ? body.path("participants").path(0).get("person_id").asLong() : id(body, "person_id");
        List<JsonNode> activities = Envelopes.allV2(c -> account.call("getActivities",
                () -> account.v2().listActivities(c, Envelopes.MAX_PAGE, since, deal == null ? person : null, deal, null)));
        return activities.stream().filter(a -> same(a, body, "subject") && same(a, body, "type")
                && same(a, body, "due_date") && same(a, body, "due_time") && !a.path("is_deleted").asBoolean(false))
                .findFirst();
    }

    private static boolean same(JsonNode a, JsonNode body, String field) {
        return !body.hasNonNull(field) || body.get(field).asText().equals(a.path(field).asText(null));
    }

    private static Long id(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() || !v.canConvertToLong() && !v.isTextual() ? null : v.asLong();
    }
}

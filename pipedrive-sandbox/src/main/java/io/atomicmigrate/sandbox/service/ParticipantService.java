package io.atomicmigrate.sandbox.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atomicmigrate.sandbox.config.Behaviour;
import io.atomicmigrate.sandbox.repository.Account;
import io.atomicmigrate.sandbox.repository.StoredEntity;

import java.util.List;

/**
 * v1 deal participants (PIPEDRIVE.md 3.3, 7#13): the extra persons of a deal. The deal and the
 * person must exist and be live; a person is a participant of a deal at most once.
 */
public final class ParticipantService {
    private final SandboxClock clock;
    private final Behaviour behaviour;

    public ParticipantService(SandboxClock clock, Behaviour behaviour) {
        this.clock = clock;
        this.behaviour = behaviour;
    }

    public StoredEntity add(Caller c, String dealId, ObjectNode body) {
        Account a = c.account();
        StoredEntity deal = deal(a, dealId);
        V1Values.onlyKnown(body, java.util.Set.of("person_id"));
        Long personId = V1Values.id(body, "person_id");
        if (personId == null) {
            throw ApiException.badRequest("Parameter 'person_id' is required");
        }
        if (a.persons.findLive(personId).isEmpty()) {
            throw ApiException.notFound("Person not found");
        }
        boolean exists = a.participants.all().stream().anyMatch(p -> p.longField("deal_id") == deal.id
                && p.longField("person_id") == personId && p.flag("active_flag"));
        if (exists) {
            throw ApiException.badRequest("Person is already a participant of this deal");
        }
        ObjectNode d = Json.object().put("deal_id", deal.id).put("person_id", personId).put("active_flag", true);
        StoredEntity e = a.participants.insertNumbered(d);
        e.addTime = clock.nowSeconds();
        e.updateTime = e.addTime;
        return e;
    }

    public Page list(Caller c, String dealId, Query q) {
        StoredEntity deal = deal(c.account(), dealId);
        List<StoredEntity> rows = c.account().participants.where(p -> p.longField("deal_id") == deal.id && p.flag("active_flag"));
        return Page.v1(rows, q, 500, behaviour);
    }

    public long delete(Caller c, String dealId, String participantId) {
        StoredEntity deal = deal(c.account(), dealId);
        StoredEntity p = c.account().participants.find(participantId)
                .filter(x -> x.longField("deal_id") == deal.id && x.flag("active_flag"))
                .orElseThrow(() -> ApiException.notFound("Participant not found"));
        c.account().participants.remove(p.key);
        return p.id;
    }

    private static StoredEntity deal(Account a, String id) {
        try {
            return a.deals.findLive(Long.parseLong(id)).orElseThrow(() -> ApiException.notFound("Deal not found"));
        } catch (NumberFormatException e) {
            throw ApiException.notFound("Deal not found");
        }
    }

    /** The v1 participant shape: person_id as a small object, the person embedded, the deal as related data. */
    public static ObjectNode render(Account a, StoredEntity p) {
        ObjectNode o = Json.object().put("id", p.id);
        StoredEntity person = a.persons.find(p.longField("person_id")).orElse(null);
        StoredEntity deal = a.deals.find(p.longField("deal_id")).orElse(null);
        ObjectNode pid = o.putObject("person_id");
        if (person != null) {
            pid.put("active_flag", !person.isDeleted()).put("name", person.data.path("name").asText());
            pid.set("email", person.data.path("emails").deepCopy());
            pid.set("phone", person.data.path("phones").deepCopy());
        }
        pid.put("value", p.longField("person_id"));
        o.put("add_time", Timestamps.v1(p.addTime));
        o.put("active_flag", p.flag("active_flag"));
        o.putObject("related_item_data").put("deal_id", p.longField("deal_id"))
                .put("title", deal == null ? null : deal.data.path("title").asText());
        if (person != null) {
            ObjectNode embedded = o.putObject("person").put("id", person.id).put("company_id", a.companyId)
                    .put("name", person.data.path("name").asText());
            embedded.set("first_name", person.data.get("first_name"));
            embedded.set("last_name", person.data.get("last_name"));
            embedded.put("active_flag", !person.isDeleted());
            embedded.set("email", person.data.path("emails").deepCopy());
            embedded.set("phone", person.data.path("phones").deepCopy());
            embedded.put("visible_to", person.data.path("visible_to").asText());
            embedded.put("add_time", Timestamps.v1(person.addTime)).put("update_time", Timestamps.v1(person.updateTime));
        }
        return o;
    }
}

package io.atomicmigrate.loader.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atomicmigrate.common.events.payload.RecordMapped;
import io.atomicmigrate.common.map.OwnerPolicy;
import io.atomicmigrate.loader.repository.IdLedger;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a mapped record's payload (symbolic references, custom fields by name, options by label)
 * into the Pipedrive request body: ids from the id ledger and the destination ledger, field keys,
 * option ids, the owner's user id, the marker, and the add_time rules of PIPEDRIVE.md §5.2.
 */
@ApplicationScoped
public class PayloadResolver {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    /** What each referenced table became. */
    private static final Map<String, String> OBJECT_OF_TABLE = Map.of("companies", "organization", "contacts", "person",
            "deals", "deal", "tags", "label", "contact_notes", "note", "deal_notes", "note", "tasks", "activity");
    /** Pipedrive accepts add_time on create only for persons, organizations and notes. */
    private static final Set<String> NO_ADD_TIME = Set.of("deal", "activity", "lead");

    private final IdLedger ledger;
    private final OwnerReconciler owners;

    public PayloadResolver(IdLedger ledger, OwnerReconciler owners) {
        this.ledger = ledger;
        this.owners = owners;
    }

    /** The request body, and the extra persons of a deal (participants, one call each after the create). */
    public record Resolved(ObjectNode body, List<Long> participants) {
    }

    public Resolved resolve(String migrationId, RecordMapped record, DestinationConfig dest, OwnerPolicy ownerPolicy) {
        ObjectNode body = record.payload() == null ? F.objectNode() : (ObjectNode) record.payload().deepCopy();
        Map<String, JsonNode> symbols = new HashMap<>();
        List<IdLedger.Ref> ledgerRefs = new ArrayList<>();
        Map<IdLedger.Ref, List<RecordMapped.Reference>> byRef = new HashMap<>();
        List<RecordMapped.Reference> participantRefs = new ArrayList<>();
        for (RecordMapped.Reference ref : record.references()) {
            switch (ref.table()) {
                case "sales" -> symbols.put(ref.symbol(), F.numberNode(owners.awaitOwner(migrationId, ownerPolicy, ref.sourceId())));
                case "pipelines" -> symbols.put(ref.symbol(), number(dest.get(DestinationConfig.PIPELINE,
                        ref.symbol().substring("pipeline ".length())), ref));
                case "stages" -> {
                    int of = ref.symbol().lastIndexOf(" of pipeline ");
                    String stage = ref.symbol().substring("stage ".length(), of);
                    String pipeline = ref.symbol().substring(of + " of pipeline ".length());
                    symbols.put(ref.symbol(), number(dest.get(DestinationConfig.STAGE,
                            DestinationConfig.stageName(pipeline, stage)), ref));
                }
                default -> {
                    String object = OBJECT_OF_TABLE.get(ref.table());
                    if (object == null) {
                        throw new RecordRejectedByLoader("UNKNOWN_REFERENCE", "reference " + ref.field() + " points at table "
                                + ref.table() + ", which the loader does not write");
                    }
                    IdLedger.Ref key = new IdLedger.Ref(ref.table(), ref.sourceId(), object);
                    ledgerRefs.add(key);
                    byRef.computeIfAbsent(key, k -> new ArrayList<>()).add(ref);
                    if (ref.field() != null && ref.field().startsWith("participants[") && "deal".equals(record.object())) {
                        participantRefs.add(ref);
                    }
                }
            }
        }
        Map<IdLedger.Ref, String> ids = ledger.resolve(migrationId, ledgerRefs);
        List<Long> participants = new ArrayList<>();
        for (Map.Entry<IdLedger.Ref, List<RecordMapped.Reference>> e : byRef.entrySet()) {
            String id = ids.get(e.getKey());
            for (RecordMapped.Reference ref : e.getValue()) {
                if (participantRefs.contains(ref)) {
                    if (id != null) {
                        participants.add(Long.parseLong(id));
                    }
                    continue;
                }
                if ("lead".equals(record.object()) && "tags".equals(ref.table())) {
                    // a lead's labels are lead labels (UUIDs), not the tag's person label option
                    id = dest.get(DestinationConfig.LEAD_LABEL, LeadLabels.name(ref.sourceId()));
                }
                if (id == null) {
                    throw new RecordRejectedByLoader("REFERENCE_NOT_LOADED", ref.field() + " refers to " + ref.table()
                            + " " + ref.sourceId() + ", which was not loaded (rejected or failed earlier)");
                }
                symbols.put(ref.symbol(), isNumeric(id) ? F.numberNode(Long.parseLong(id)) : F.textNode(id));
            }
        }
        replaceSymbols(body, symbols);
        String entity = "lead".equals(record.object()) ? "deal" : record.object();
        if ("activity".equals(record.object()) && body.hasNonNull("type")) {
            String key = dest.get(DestinationConfig.ACTIVITY_TYPE, body.get("type").asText());
            if (key != null) {
                body.put("type", key);
            }
        }
        if (NO_ADD_TIME.contains(record.object())) {
            body.remove("add_time"); // not accepted by Pipedrive; the map keeps the date in a custom field
        }
        JsonNode custom = body.remove("custom_fields");
        if ("lead".equals(record.object())) {
            writeV1CustomFields(body, custom, dest, entity);
            body.put(markerKey(dest, entity), record.marker());
        } else if (DestinationSetup.FIELDS_PATH.containsKey(entity)) {
            ObjectNode fields = body.putObject("custom_fields");
            writeV2CustomFields(fields, custom, dest, entity);
            fields.put(markerKey(dest, entity), record.marker());
        } else if (custom != null && !custom.isEmpty()) {
            throw new RecordRejectedByLoader("NO_CUSTOM_FIELDS", record.object() + " records cannot carry custom fields");
        }
        return new Resolved(body, participants);
    }

    private static String markerKey(DestinationConfig dest, String entity) {
        String key = dest.markerKey(entity);
        if (key == null) {
            throw new IllegalStateException("the destination has no marker field on " + entity + "; setup incomplete");
        }
        return key;
    }

    private static void writeV2CustomFields(ObjectNode out, JsonNode custom, DestinationConfig dest, String entity) {
        if (custom == null) {
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = custom.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            String key = fieldKey(dest, entity, f.getKey());
            out.set(key, optionIds(dest, entity, f.getKey(), f.getValue(), false));
        }
    }

    private static void writeV1CustomFields(ObjectNode out, JsonNode custom, DestinationConfig dest, String entity) {
        if (custom == null) {
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = custom.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            out.set(fieldKey(dest, entity, f.getKey()), optionIds(dest, entity, f.getKey(), f.getValue(), true));
        }
    }

    private static String fieldKey(DestinationConfig dest, String entity, String name) {
        String key = dest.fieldKey(entity, name);
        if (key == null) {
            throw new RecordRejectedByLoader("FIELD_NOT_SET_UP", "custom field '" + name + "' of " + entity
                    + " is not in the destination; was the map changed after setup?");
        }
        return key;
    }

    /** Option labels → option ids: a number for enum, numbers for set (v2); v1 wants "id" and "id,id". */
    private static JsonNode optionIds(DestinationConfig dest, String entity, String field, JsonNode value, boolean v1) {
        if (value.isTextual() && dest.optionId(entity, field, value.asText()) != null) {
            String id = dest.optionId(entity, field, value.asText());
            return v1 ? F.textNode(id) : F.numberNode(Long.parseLong(id));
        }
        if (value.isArray() && value.size() > 0 && value.get(0).isTextual()
                && dest.optionId(entity, field, value.get(0).asText()) != null) {
            ArrayNode ids = F.arrayNode();
            StringBuilder joined = new StringBuilder();
            for (JsonNode label : value) {
                String id = dest.optionId(entity, field, label.asText());
                if (id == null) {
                    throw new RecordRejectedByLoader("UNKNOWN_OPTION", "'" + label.asText() + "' is not an option of "
                            + entity + " field '" + field + "'");
                }
                ids.add(Long.parseLong(id));
                joined.append(joined.length() == 0 ? "" : ",").append(id);
            }
            return v1 ? F.textNode(joined.toString()) : ids;
        }
        if (value.isTextual() && hasOptions(dest, entity, field)) {
            throw new RecordRejectedByLoader("UNKNOWN_OPTION", "'" + value.asText() + "' is not an option of "
                    + entity + " field '" + field + "'");
        }
        return value;
    }

    private static boolean hasOptions(DestinationConfig dest, String entity, String field) {
        return dest.hasOptions(entity, field);
    }

    private static JsonNode number(String id, RecordMapped.Reference ref) {
        if (id == null) {
            throw new RecordRejectedByLoader("DESTINATION_NOT_SET_UP", ref.field() + " refers to " + ref.symbol()
                    + ", which the destination setup did not create");
        }
        return F.numberNode(Long.parseLong(id));
    }

    private static boolean isNumeric(String id) {
        return !id.isEmpty() && id.chars().allMatch(Character::isDigit);
    }

    /** Replaces every text value equal to a known symbol, wherever it sits (e.g. participants[0].person_id). */
    static void replaceSymbols(JsonNode node, Map<String, JsonNode> symbols) {
        if (node instanceof ObjectNode o) {
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                JsonNode v = o.get(name);
                if (v.isTextual() && symbols.containsKey(v.asText())) {
                    o.set(name, symbols.get(v.asText()));
                } else {
                    replaceSymbols(v, symbols);
                }
            }
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                JsonNode v = a.get(i);
                if (v.isTextual() && symbols.containsKey(v.asText())) {
                    a.set(i, symbols.get(v.asText()));
                } else {
                    replaceSymbols(v, symbols);
                }
            }
        }
    }
}

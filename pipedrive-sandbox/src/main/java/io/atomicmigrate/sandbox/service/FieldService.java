package io.atomicmigrate.sandbox.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atomicmigrate.sandbox.config.Behaviour;
import io.atomicmigrate.sandbox.repository.Account;
import io.atomicmigrate.sandbox.repository.FieldDefinition;
import io.atomicmigrate.sandbox.repository.FieldDefinition.FieldOption;
import io.atomicmigrate.sandbox.repository.StoredEntity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * v2 person/organization/deal field definitions and their options (PIPEDRIVE.md 3.11). Custom
 * fields get a fresh random 40-hex key; option changes are atomic (all or nothing).
 */
public final class FieldService {
    public static final List<String> CUSTOM_TYPES = List.of("varchar", "text", "double", "phone", "date", "daterange",
            "time", "timerange", "set", "enum", "varchar_auto", "address", "monetary", "org", "people", "user");
    private static final StrictBody POST = StrictBody.of().string("field_name", 255)
            .oneOf("field_type", CUSTOM_TYPES.toArray(String[]::new)).objectArray("options", null)
            .object("ui_visibility", null).object("important_fields", null).object("required_fields", null);
    private static final StrictBody PATCH = POST.without("field_type").without("options");
    static final int MAX_OPTIONS = 10_000;

    private final SandboxClock clock;
    private final Behaviour behaviour;

    public FieldService(SandboxClock clock, Behaviour behaviour) {
        this.clock = clock;
        this.behaviour = behaviour;
    }

    /** Maps the URL segment (personFields) to the field entity (person). */
    public static String entityOf(String segment) {
        return switch (segment) {
            case "personFields" -> "person";
            case "organizationFields" -> "organization";
            case "dealFields" -> "deal";
            default -> throw ApiException.notFound("Unknown field collection");
        };
    }

    public List<ObjectNode> list(Caller c, String entity, Query q, String[] nextCursor) {
        List<StoredEntity> rows = new ArrayList<>();
        for (FieldDefinition f : c.account().fields.get(entity)) {
            if (!f.deleted) {
                rows.add(new StoredEntity(f.id, f.code, Json.object()));
            }
        }
        Page page = Page.v2(rows, q, 500, behaviour, "id", e -> Json.NODES.numberNode(e.id));
        nextCursor[0] = page.nextCursor();
        List<ObjectNode> out = new ArrayList<>();
        for (StoredEntity e : page.items()) {
            out.add(render(find(c.account(), entity, e.key)));
        }
        return out;
    }

    public FieldDefinition get(Caller c, String entity, String code) {
        return find(c.account(), entity, code);
    }

    private static FieldDefinition find(Account a, String entity, String code) {
        FieldDefinition f = a.fields.get(entity).stream().filter(x -> x.code.equals(code)).findFirst()
                .orElseThrow(() -> ApiException.notFound("Field not found"));
        if (f.deleted) {
            throw ApiException.gone("The field is not found");
        }
        return f;
    }

    public FieldDefinition create(Caller c, String entity, JsonNode raw) {
        requireAdmin(c);
        ObjectNode body = POST.validate(raw);
        Account a = c.account();
        String name = body.path("field_name").asText("");
        if (name.isBlank()) {
            throw ApiException.validation("field_name: Parameter 'field_name' is required");
        }
        if (!Json.present(body, "field_type")) {
            throw ApiException.validation("field_type: Parameter 'field_type' is required");
        }
        String type = body.get("field_type").asText();
        boolean withOptions = "enum".equals(type) || "set".equals(type);
        JsonNode options = body.get("options");
        if (withOptions && (options == null || options.isNull() || options.isEmpty())) {
            throw ApiException.validation("options: Parameter 'options' is required for enum and set fields");
        }
        if (!withOptions && options != null && !options.isNull()) {
            throw ApiException.validation("options: Options are allowed only for enum and set fields");
        }
        if (a.customFieldsCap != null) {
            long custom = a.fields.values().stream().flatMap(List::stream).filter(f -> f.custom && !f.deleted).count();
            if (custom >= a.customFieldsCap) {
                throw ApiException.capping("feature_capping_custom_fields_limit",
                        "Couldn't add the field. Custom fields limit reached.");
            }
        }
        Instant now = clock.nowSeconds();
        FieldDefinition f = new FieldDefinition(++a.lastFieldId, entity, a.newFieldKey(), name, type, true);
        f.addTime = now;
        f.updateTime = now;
        if (withOptions) {
            addOptions(a, f, options, now);
        }
        a.fields.get(entity).add(f);
        return f;
    }

    public FieldDefinition update(Caller c, String entity, String code, JsonNode raw) {
        requireAdmin(c);
        ObjectNode body = PATCH.validate(raw);
        if (body.isEmpty()) {
            throw ApiException.validation("body: At least one property must be given");
        }
        FieldDefinition f = find(c.account(), entity, code);
        if (body.has("field_name")) {
            String name = body.get("field_name").asText("");
            if (name.isBlank()) {
                throw ApiException.validation("field_name: Value must be 1-255 characters long");
            }
            f.name = name;
        }
        f.updateTime = clock.nowSeconds();
        return f;
    }

    public FieldDefinition delete(Caller c, String entity, String code) {
        requireAdmin(c);
        FieldDefinition f = find(c.account(), entity, code);
        if (!f.custom) {
            throw ApiException.badRequest("System fields cannot be deleted");
        }
        f.deleted = true;
        f.updateTime = clock.nowSeconds();
        return f;
    }

    public List<FieldOption> addOptions(Caller c, String entity, String code, JsonNode body) {
        requireAdmin(c);
        FieldDefinition f = optionField(c, entity, code);
        return addOptions(c.account(), f, body, clock.nowSeconds());
    }

    private static List<FieldOption> addOptions(Account a, FieldDefinition f, JsonNode body, Instant now) {
        if (body == null || !body.isArray() || body.isEmpty()) {
            throw ApiException.validation("body: Expected non-empty array of {label}");
        }
        for (JsonNode o : body) {
            checkLabel(o);
            if (o.size() != 1) {
                throw ApiException.validation("options: Only 'label' is allowed when adding options");
            }
        }
        if (f.options.size() + body.size() > MAX_OPTIONS) {
            throw ApiException.validation("options: A field can have at most " + MAX_OPTIONS + " options");
        }
        List<FieldOption> added = new ArrayList<>();
        for (JsonNode o : body) {
            FieldOption opt = new FieldOption(++a.lastOptionId, o.get("label").asText(), null, now);
            f.options.add(opt);
            added.add(opt);
        }
        f.updateTime = now;
        return added;
    }

    public List<FieldOption> updateOptions(Caller c, String entity, String code, JsonNode body) {
        requireAdmin(c);
        FieldDefinition f = optionField(c, entity, code);
        if (body == null || !body.isArray() || body.isEmpty()) {
            throw ApiException.validation("body: Expected non-empty array of {id, label}");
        }
        for (JsonNode o : body) {
            checkLabel(o);
            if (!StrictBody.isInteger(o.path("id")) || !f.hasOption(o.get("id").asLong())) {
                throw ApiException.validation("options: Option with id " + o.path("id") + " does not exist");
            }
        }
        Instant now = clock.nowSeconds();
        List<FieldOption> changed = new ArrayList<>();
        for (JsonNode o : body) {
            FieldOption opt = f.option(o.get("id").asLong());
            opt.label = o.get("label").asText();
            opt.updateTime = now;
            changed.add(opt);
        }
        f.updateTime = now;
        return changed;
    }

    public List<FieldOption> deleteOptions(Caller c, String entity, String code, JsonNode body) {
        requireAdmin(c);
        FieldDefinition f = optionField(c, entity, code);
        if (body == null || !body.isArray() || body.isEmpty()) {
            throw ApiException.validation("body: Expected non-empty array of {id}");
        }
        Set<Long> ids = new HashSet<>();
        for (JsonNode o : body) {
            if (!StrictBody.isInteger(o.path("id")) || !f.hasOption(o.get("id").asLong())) {
                throw ApiException.validation("options: Option with id " + o.path("id") + " does not exist");
            }
            ids.add(o.get("id").asLong());
        }
        List<FieldOption> removed = new ArrayList<>(f.options.stream().filter(o -> ids.contains(o.id)).toList());
        f.options.removeIf(o -> ids.contains(o.id));
        f.updateTime = clock.nowSeconds();
        return removed;
    }

    private static void checkLabel(JsonNode o) {
        if (!o.isObject() || !o.path("label").isTextual() || o.get("label").asText().isEmpty()
                || o.get("label").asText().length() > 255) {
            throw ApiException.validation("label: Option label must be a string of 1-255 characters");
        }
    }

    private static FieldDefinition optionField(Caller c, String entity, String code) {
        FieldDefinition f = find(c.account(), entity, code);
        if (!f.hasOptions()) {
            throw ApiException.validation("field_code: Field '" + code + "' has no options");
        }
        return f;
    }

    private static void requireAdmin(Caller c) {
        if (!c.admin()) {
            throw ApiException.forbidden();
        }
    }

    public static ObjectNode render(FieldDefinition f) {
        ObjectNode o = Json.object().put("field_name", f.name).put("field_code", f.code);
        if (f.description != null) {
            o.put("description", f.description);
        }
        o.put("field_type", f.type);
        if (f.hasOptions()) {
            ArrayNode opts = o.putArray("options");
            for (FieldOption opt : f.options) {
                ObjectNode x = opts.addObject().put("id", opt.id).put("label", opt.label);
                x.put("color", opt.color);
                x.put("update_time", Timestamps.v2(opt.updateTime));
                x.put("add_time", Timestamps.v2(opt.addTime));
            }
        } else {
            o.putNull("options");
        }
        if ("monetary".equals(f.type)) {
            ArrayNode sub = o.putArray("subfields");
            sub.addObject().put("field_code", "value").put("field_name", "Amount of " + f.name).put("field_type", "double");
            sub.addObject().put("field_code", "currency").put("field_name", "Currency of " + f.name).put("field_type", "varchar");
        } else if ("address".equals(f.type)) {
            ArrayNode sub = o.putArray("subfields");
            for (String part : CustomFieldCodec.ADDRESS_PARTS) {
                sub.addObject().put("field_code", part).put("field_name", part).put("field_type", "varchar");
            }
        } else {
            o.putNull("subfields");
        }
        o.put("is_custom_field", f.custom).put("is_optional_response_field", false);
        return o;
    }

    // ---- v1 view of the same fields (key = field_code, numeric id in paths) --------------

    public Page listV1(Caller c, String entity, Query q) {
        List<StoredEntity> rows = new ArrayList<>();
        for (FieldDefinition f : c.account().fields.get(entity)) {
            if (!f.deleted) {
                rows.add(new StoredEntity(f.id, f.code, Json.object()));
            }
        }
        return Page.v1(rows, q, 500, behaviour);
    }

    public FieldDefinition byId(Caller c, String entity, String id) {
        FieldDefinition f = c.account().fields.get(entity).stream().filter(x -> Long.toString(x.id).equals(id)).findFirst()
                .orElseThrow(() -> ApiException.notFound("Field not found"));
        if (f.deleted) {
            throw ApiException.gone("The field is not found");
        }
        return f;
    }

    /** v1 POST {name*, field_type*, options, add_visible_flag}: the same rules as v2. */
    public FieldDefinition createV1(Caller c, String entity, ObjectNode body) {
        V1Values.onlyKnown(body, java.util.Set.of("name", "field_type", "options", "add_visible_flag"));
        ObjectNode v2 = Json.object();
        if (body.has("name")) {
            v2.set("field_name", body.get("name"));
        }
        if (body.has("field_type")) {
            v2.set("field_type", body.get("field_type"));
        }
        if (body.has("options")) {
            v2.set("options", body.get("options"));
        }
        try {
            return create(c, entity, v2);
        } catch (ApiException e) {
            throw e.status == 400 ? ApiException.badRequest(e.getMessage()) : e;
        }
    }

    /**
     * v1 PUT: {@code options} must list every option to keep, existing ones with their id; options
     * left out are deleted, ones without id are added (PIPEDRIVE.md 3.11).
     */
    public FieldDefinition updateV1(Caller c, String entity, String id, ObjectNode body) {
        requireAdmin(c);
        V1Values.onlyKnown(body, java.util.Set.of("name", "options", "add_visible_flag"));
        FieldDefinition f = byId(c, entity, id);
        Instant now = clock.nowSeconds();
        if (body.has("name")) {
            String name = V1Values.text(body, "name");
            if (name == null || name.isBlank() || name.length() > 255) {
                throw ApiException.badRequest("Parameter 'name' must be 1-255 characters");
            }
            f.name = name;
        }
        if (body.has("options")) {
            if (!f.hasOptions() || !body.get("options").isArray()) {
                throw ApiException.badRequest("Parameter 'options' is allowed only for enum and set fields, as an array");
            }
            List<FieldOption> next = new ArrayList<>();
            for (JsonNode o : body.get("options")) {
                checkLabel(o);
                if (o.has("id")) {
                    FieldOption existing = f.option(o.path("id").asLong());
                    if (existing == null) {
                        throw ApiException.badRequest("Option with id " + o.get("id") + " does not exist");
                    }
                    existing.label = o.get("label").asText();
                    existing.updateTime = now;
                    next.add(existing);
                } else {
                    next.add(new FieldOption(++c.account().lastOptionId, o.get("label").asText(), null, now));
                }
            }
            f.options.clear();
            f.options.addAll(next);
        }
        f.updateTime = now;
        return f;
    }

    public long deleteV1(Caller c, String entity, String id) {
        FieldDefinition f = byId(c, entity, id);
        return delete(c, entity, f.code).id;
    }

    public static ObjectNode renderV1(FieldDefinition f, int orderNr) {
        ObjectNode o = Json.object().put("id", f.id).put("key", f.code).put("name", f.name).put("order_nr", orderNr)
                .put("field_type", f.type).put("add_time", Timestamps.v1(f.addTime)).put("update_time", Timestamps.v1(f.updateTime));
        o.putNull("last_updated_by_user_id");
        o.put("active_flag", !f.deleted).put("edit_flag", f.custom).put("index_visible_flag", true)
                .put("details_visible_flag", true).put("add_visible_flag", true).put("important_flag", false)
                .put("bulk_edit_allowed", true).put("searchable_flag", false).put("filtering_allowed", true)
                .put("sortable_flag", true).put("mandatory_flag", false);
        if (f.hasOptions()) {
            ArrayNode opts = o.putArray("options");
            f.options.forEach(op -> opts.addObject().put("id", op.id).put("label", op.label));
        }
        return o;
    }

    public static ArrayNode renderOptions(List<FieldOption> options) {
        ArrayNode arr = Json.array();
        options.forEach(o -> arr.addObject().put("id", o.id).put("label", o.label));
        return arr;
    }
}

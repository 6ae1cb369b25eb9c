package io.atomicmigrate.sandbox.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atomicmigrate.sandbox.config.Behaviour;
import io.atomicmigrate.sandbox.repository.Account;
import io.atomicmigrate.sandbox.repository.EntityTable;
import io.atomicmigrate.sandbox.repository.StoredEntity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Shared behaviour of the v2 resources (persons, organizations, deals, activities, pipelines,
 * stages): strict bodies, soft delete, cursor lists with the common filters, ids-only output.
 */
public abstract class V2EntityService {
    /** Integer filters every v2 list understands, when the entity has that attribute. */
    private static final List<String> INT_FILTERS = List.of("owner_id", "org_id", "person_id", "deal_id", "pipeline_id", "stage_id");

    protected final SandboxClock clock;
    protected final Behaviour behaviour;

    protected V2EntityService(SandboxClock clock, Behaviour behaviour) {
        this.clock = clock;
        this.behaviour = behaviour;
    }

    public abstract EntityTable table(Account a);

    /** Field entity ("person", "organization", "deal") when the type carries custom fields, else null. */
    protected String fieldEntity() {
        return null;
    }

    /** Sort keys this list allows besides id, update_time and add_time. */
    protected Set<String> extraSortKeys() {
        return Set.of();
    }

    protected abstract StoredEntity doCreate(Caller c, ObjectNode body);

    protected abstract void doUpdate(Caller c, StoredEntity e, ObjectNode body);

    /** Soft delete by default; pipelines/stages "mark as deleted" the same way. */
    protected void doDelete(Caller c, StoredEntity e) {
        e.deletedAt = clock.nowSeconds();
        e.updateTime = e.deletedAt;
        e.data.put("is_deleted", true);
    }

    /** Whether a stored row shows in a plain list (not deleted; deals: not archived). */
    protected boolean listedByDefault(StoredEntity e, Query q) {
        return !e.isDeleted();
    }

    public StoredEntity create(Caller c, JsonNode body) {
        StoredEntity e = doCreate(c, asObject(body));
        if (e.addTime == null) {
            e.addTime = clock.nowSeconds();
        }
        e.updateTime = clock.nowSeconds();
        return e;
    }

    public StoredEntity update(Caller c, String id, JsonNode body) {
        StoredEntity e = live(c.account(), id);
        ObjectNode o = asObject(body);
        doUpdate(c, e, o);
        e.updateTime = clock.nowSeconds();
        return e;
    }

    public StoredEntity delete(Caller c, String id) {
        StoredEntity e = live(c.account(), id);
        doDelete(c, e);
        return e;
    }

    public StoredEntity get(Caller c, String id) {
        StoredEntity e = table(c.account()).find(parseId(id)).orElseThrow(ApiException::entityNotFound);
        if (e.isDeleted() && behaviour.deletedGetIs404) {
            throw ApiException.entityNotFound();
        }
        return e;
    }

    /** Found and not soft-deleted, else 404 (updates and deletes of deleted rows). */
    protected StoredEntity live(Account a, String id) {
        return table(a).findLive(parseId(id)).orElseThrow(ApiException::entityNotFound);
    }

    protected static long parseId(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw ApiException.validation("id: Expected 'integer' as value");
        }
    }

    public Page list(Caller c, Query q) {
        Set<String> ids = q.list("ids", 100);
        Instant since = q.time("updated_since");
        Instant until = q.time("updated_until");
        String sortBy = q.string("sort_by") == null ? "id" : q.string("sort_by");
        if (!Set.of("id", "update_time", "add_time").contains(sortBy) && !extraSortKeys().contains(sortBy)) {
            throw ApiException.validation("sort_by: Value must be one of id, update_time, add_time" +
                    (extraSortKeys().isEmpty() ? "" : ", " + String.join(", ", extraSortKeys())));
        }
        List<Long> filterValues = new ArrayList<>();
        for (String f : INT_FILTERS) {
            filterValues.add(q.integer(f));
        }
        java.util.function.Predicate<StoredEntity> keep = e -> {
            if (!listedByDefault(e, q)) {
                return false;
            }
            if (ids != null && !ids.contains(e.key)) {
                return false;
            }
            for (int i = 0; i < INT_FILTERS.size(); i++) {
                Long want = filterValues.get(i);
                if (want != null && e.data.path(INT_FILTERS.get(i)).asLong(-1) != want) {
                    return false;
                }
            }
            if (since != null && e.updateTime.isBefore(since)) {
                return false;
            }
            return until == null || e.updateTime.isBefore(until);
        };
        if (sortBy.equals("id") && !hasExtraFilter(q)) {
            return pageById(c, q, keep);
        }
        List<StoredEntity> rows = extraFilter(c, table(c.account()).where(keep), q);
        String sortKey = sortBy;
        return Page.v2(rows, q, 500, behaviour, sortBy, e -> switch (sortKey) {
            case "update_time" -> Json.NODES.numberNode(e.updateTime.getEpochSecond());
            case "add_time" -> Json.NODES.numberNode(e.addTime.getEpochSecond());
            case "id" -> Json.NODES.numberNode(e.id);
            default -> e.data.get(sortKey);
        });
    }

    /**
     * The default order (by id) walks the id index from the cursor and stops after one page, so
     * listing stays O(page) however large the table grows.
     */
    private Page pageById(Caller c, Query q, java.util.function.Predicate<StoredEntity> keep) {
        int limit = Page.limit(q, 500, behaviour);
        boolean desc = "desc".equalsIgnoreCase(q.string("sort_direction"));
        if (q.has("sort_direction") && !desc && !"asc".equalsIgnoreCase(q.string("sort_direction"))) {
            throw ApiException.validation("sort_direction: Value must be one of asc, desc");
        }
        Long after = q.has("cursor") ? Page.cursorId(q.string("cursor")) : null;
        List<StoredEntity> items = new ArrayList<>(limit);
        boolean more = false;
        for (StoredEntity e : table(c.account()).scan(after, desc)) {
            if (!keep.test(e)) {
                continue;
            }
            if (items.size() == limit) {
                more = true;
                break;
            }
            items.add(e);
        }
        String next = more ? Page.cursor("id", Json.NODES.numberNode(items.get(items.size() - 1).id), desc,
                items.get(items.size() - 1).id) : null;
        return new Page(items, next, 0, limit, more);
    }

    /** Subclasses with list filters beyond the shared ones (done, lead_id) say so here. */
    protected boolean hasExtraFilter(Query q) {
        return false;
    }

    protected List<StoredEntity> extraFilter(Caller c, List<StoredEntity> rows, Query q) {
        return rows;
    }

    /** The v2 rendering: stored attributes, RFC 3339 timestamps, nested custom_fields. */
    public ObjectNode render(Caller c, StoredEntity e, Query q) {
        // a shallow copy: responses are serialised under the account lock, children are not mutated
        ObjectNode out = new ObjectNode(Json.NODES, new java.util.LinkedHashMap<>(e.data.size() * 2 + 8));
        out.setAll(e.data);
        out.put("add_time", Timestamps.v2(e.addTime));
        out.put("update_time", Timestamps.v2(e.updateTime));
        if (fieldEntity() != null) {
            out.set("custom_fields", CustomFieldCodec.renderV2(c.account(), fieldEntity(), e,
                    q.list("custom_fields", 15), q.bool("include_option_labels")));
        }
        return out;
    }

    protected static ObjectNode asObject(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiException.validation("body: Expected 'object' as request body");
        }
        return (ObjectNode) body;
    }

    // ---- shared checks -------------------------------------------------------------------

    protected static void requireUser(Account a, JsonNode id, String name) {
        if (id != null && !id.isNull() && a.users.findLive(id.asLong()).isEmpty()) {
            throw ApiException.validation(name + ": User with id " + id.asLong() + " does not exist");
        }
    }

    protected static void requireLive(EntityTable t, JsonNode id, String name, String what) {
        if (id != null && !id.isNull() && t.findLive(id.asLong()).isEmpty()) {
            throw ApiException.notFound(what + " with id " + id.asLong() + " not found");
        }
    }

    protected static void requireName(ObjectNode body, String field, boolean onCreate) {
        JsonNode n = body.get(field);
        if ((onCreate && (n == null || n.isNull())) || (n != null && n.isTextual() && n.asText().isBlank())) {
            throw ApiException.validation(field + ": Parameter '" + field + "' is required");
        }
        if (n != null && n.isNull()) {
            throw ApiException.validation(field + ": Parameter '" + field + "' must not be null");
        }
    }

    protected Instant parseAddTime(Caller c, JsonNode v) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (behaviour.addTimeAdminOnly && !c.admin()) {
            throw ApiException.forbidden();
        }
        Instant t = Timestamps.parseEither(v.asText());
        if (t == null) {
            throw ApiException.validation("add_time: Expected RFC 3339 date-time");
        }
        return t;
    }

    protected static void checkLabelIds(Account a, String entity, JsonNode labelIds) {
        if (labelIds == null || labelIds.isNull()) {
            return;
        }
        var field = a.fields.get(entity).stream().filter(f -> f.code.equals("label_ids")).findFirst().orElse(null);
        for (JsonNode id : labelIds) {
            if (field == null || !field.hasOption(id.asLong())) {
                throw ApiException.validation("label_ids: Label with id " + id.asLong() + " does not exist");
            }
        }
    }
}

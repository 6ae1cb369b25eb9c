package io.atomicmigrate.sandbox.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atomicmigrate.sandbox.config.Behaviour;
import io.atomicmigrate.sandbox.repository.StoredEntity;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * One page of a list. v2: opaque base64url cursor {field, fieldValue, sortDirection, id} like the
 * spec example, positioned by (sort key, id) so inserts between pages neither skip nor repeat.
 * v1: start/limit with more_items_in_collection and next_start only when there is more.
 */
public record Page(List<StoredEntity> items, String nextCursor, int start, int limit, boolean more) {

    public static int limit(Query q, int max, Behaviour behaviour) {
        Long limit = q.integer("limit");
        if (limit == null) {
            return Math.min(100, max);
        }
        if (limit < 1) {
            throw ApiException.validation("limit: Value must be at least 1");
        }
        if (limit > max) {
            if (behaviour.clampLimit) {
                return max;
            }
            throw ApiException.validation("limit: Value must be at most " + max);
        }
        return limit.intValue();
    }

    /**
     * @param sortKey extracts the comparable, cursor-encodable sort value (a number or a string)
     */
    public static Page v2(List<StoredEntity> all, Query q, int max, Behaviour behaviour,
                          String sortBy, Function<StoredEntity, JsonNode> sortKey) {
        int limit = limit(q, max, behaviour);
        boolean desc = "desc".equalsIgnoreCase(q.string("sort_direction"));
        if (q.has("sort_direction") && !desc && !"asc".equalsIgnoreCase(q.string("sort_direction"))) {
            throw ApiException.validation("sort_direction: Value must be one of asc, desc");
        }
        Comparator<StoredEntity> order = Comparator.<StoredEntity, JsonNode>comparing(sortKey, Page::compareNodes)
                .thenComparingLong(e -> e.id).thenComparing(e -> e.key);
        if (desc) {
            order = order.reversed();
        }
        // tables keep rows in id order: the default sort needs no sorting (lists of 100k rows stay cheap)
        boolean byId = "id".equals(sortBy) && isAscendingById(all);
        List<StoredEntity> sorted;
        if (byId) {
            sorted = all;
            if (desc) {
                sorted = new ArrayList<>(all);
                java.util.Collections.reverse(sorted);
            }
        } else {
            sorted = new ArrayList<>(all);
            sorted.sort(order);
        }
        int from = 0;
        String cursor = q.string("cursor");
        if (cursor != null) {
            ObjectNode c = decode(cursor);
            JsonNode value = c.get("fieldValue");
            long id = c.path("id").asLong();
            from = sorted.size();
            if (byId) {
                from = firstAfter(sorted, id, desc);
            }
            for (int i = byId ? sorted.size() : 0; i < sorted.size(); i++) {
                StoredEntity e = sorted.get(i);
                int cmp = compareNodes(sortKey.apply(e), value);
                if (cmp == 0) {
                    cmp = Long.compare(e.id, id);
                }
                if (desc ? cmp < 0 : cmp > 0) {
                    from = i;
                    break;
                }
            }
        }
        int to = Math.min(sorted.size(), from + limit);
        List<StoredEntity> items = sorted.subList(from, to);
        String next = null;
        if (to < sorted.size() && !items.isEmpty()) {
            StoredEntity last = items.get(items.size() - 1);
            ObjectNode c = Json.object().put("field", sortBy);
            c.set("fieldValue", sortKey.apply(last));
            c.put("sortDirection", desc ? "desc" : "asc").put("id", last.id);
            next = Base64.getUrlEncoder().withoutPadding().encodeToString(Json.write(c).getBytes(StandardCharsets.UTF_8));
        }
        return new Page(List.copyOf(items), next, from, limit, next != null);
    }

    public static Page v1(List<StoredEntity> all, Query q, int max, Behaviour behaviour) {
        int limit = limit(q, max, behaviour);
        Long startParam = q.integer("start");
        int start = startParam == null ? 0 : (int) Math.max(0, startParam);
        int from = Math.min(start, all.size());
        int to = Math.min(all.size(), from + limit);
        return new Page(List.copyOf(all.subList(from, to)), null, start, limit, to < all.size());
    }

    /** The opaque cursor that continues after {@code last}. */
    public static String cursor(String sortBy, JsonNode value, boolean desc, long lastId) {
        ObjectNode c = Json.object().put("field", sortBy);
        c.set("fieldValue", value);
        c.put("sortDirection", desc ? "desc" : "asc").put("id", lastId);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Json.write(c).getBytes(StandardCharsets.UTF_8));
    }

    /** The id a cursor points after. */
    public static long cursorId(String cursor) {
        return decode(cursor).path("id").asLong();
    }

    private static boolean isAscendingById(List<StoredEntity> rows) {
        for (int i = 1; i < rows.size(); i++) {
            if (rows.get(i - 1).id >= rows.get(i).id) {
                return false;
            }
        }
        return true;
    }

    /** Index of the first row strictly after {@code id} in the given direction (binary search). */
    private static int firstAfter(List<StoredEntity> rows, long id, boolean desc) {
        int lo = 0;
        int hi = rows.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            long v = rows.get(mid).id;
            boolean after = desc ? v < id : v > id;
            if (after) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    private static ObjectNode decode(String cursor) {
        try {
            JsonNode n = Json.MAPPER.readTree(Base64.getUrlDecoder().decode(cursor));
            if (n instanceof ObjectNode o && o.has("id")) {
                return o;
            }
        } catch (Exception e) {
            // fall through
        }
        throw ApiException.validation("cursor: Invalid cursor");
    }

    static int compareNodes(JsonNode a, JsonNode b) {
        if (a == null || a.isNull()) {
            return b == null || b.isNull() ? 0 : -1;
        }
        if (b == null || b.isNull()) {
            return 1;
        }
        if (a.isNumber() && b.isNumber()) {
            return Double.compare(a.asDouble(), b.asDouble());
        }
        return a.asText().compareTo(b.asText());
    }
}

package io.atomicmigrate.sandbox.repository;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * In-memory store of one entity type in one account. Ids are sequential per type per account
 * (checklist 13), or UUIDs for leads and lead labels; insertion order is id order.
 * Not thread-safe on its own: the account lock guards it.
 */
public final class EntityTable {
    private final String type;
    private final Map<String, StoredEntity> rows = new LinkedHashMap<>();
    /** Numeric rows by id, so a page after a cursor is found without scanning the table. */
    private final java.util.NavigableMap<Long, StoredEntity> byId = new java.util.TreeMap<>();
    private long lastId;

    public EntityTable(String type) {
        this.type = type;
    }

    public String type() {
        return type;
    }

    public StoredEntity insertNumbered(ObjectNode data) {
        long id = ++lastId;
        idFirst(data).put("id", id);
        StoredEntity e = new StoredEntity(id, Long.toString(id), data);
        rows.put(e.key, e);
        byId.put(id, e);
        return e;
    }

    public StoredEntity insertKeyed(Supplier<String> uuids, ObjectNode data) {
        String key = uuids.get();
        idFirst(data).put("id", key);
        StoredEntity e = new StoredEntity(0, key, data);
        rows.put(key, e);
        return e;
    }

    /** Pipedrive puts {@code id} first; the node instance stays the same (callers keep using it). */
    private static ObjectNode idFirst(ObjectNode data) {
        ObjectNode rest = data.objectNode();
        rest.setAll(data);
        data.removeAll();
        data.putNull("id");
        data.setAll(rest);
        return data;
    }

    /** Used by snapshot restore: keeps the original id and advances the sequence past it. */
    public StoredEntity restore(StoredEntity e) {
        rows.put(e.key, e);
        if (e.id > 0) {
            byId.put(e.id, e);
        }
        lastId = Math.max(lastId, e.id);
        return e;
    }

    public Optional<StoredEntity> find(String key) {
        return Optional.ofNullable(rows.get(key));
    }

    public Optional<StoredEntity> find(long id) {
        return Optional.ofNullable(rows.get(Long.toString(id)));
    }

    /** Present and not soft-deleted. */
    public Optional<StoredEntity> findLive(String key) {
        StoredEntity e = rows.get(key);
        return e == null || e.isDeleted() ? Optional.empty() : Optional.of(e);
    }

    public Optional<StoredEntity> findLive(long id) {
        return findLive(Long.toString(id));
    }

    public void remove(String key) {
        StoredEntity e = rows.remove(key);
        if (e != null && e.id > 0) {
            byId.remove(e.id);
        }
    }

    /** Numeric rows strictly after {@code afterId} (null = from the start), ascending or descending. */
    public Iterable<StoredEntity> scan(Long afterId, boolean descending) {
        if (descending) {
            return (afterId == null ? byId.descendingMap() : byId.headMap(afterId, false).descendingMap()).values();
        }
        return (afterId == null ? byId : byId.tailMap(afterId, false)).values();
    }

    public Collection<StoredEntity> all() {
        return rows.values();
    }

    public List<StoredEntity> where(Predicate<StoredEntity> filter) {
        List<StoredEntity> out = new ArrayList<>();
        for (StoredEntity e : rows.values()) {
            if (filter.test(e)) {
                out.add(e);
            }
        }
        return out;
    }

    public int size() {
        return rows.size();
    }

    public long lastId() {
        return lastId;
    }

    /** Snapshot restore: ids are never reused, also for purged rows. */
    public void advanceLastId(long id) {
        lastId = Math.max(lastId, id);
    }

    public void clear() {
        rows.clear();
        byId.clear();
        lastId = 0;
    }
}

package io.atomicmigrate.sandbox.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atomicmigrate.sandbox.repository.StoredEntity;

import java.util.List;
import java.util.Set;

/** v1 lead labels (PIPEDRIVE.md 3.5): UUID ids, colour from a fixed set, never paginated. */
public final class LeadLabelService {
    public static final Set<String> COLORS = Set.of("blue", "brown", "dark-gray", "gray", "green", "orange", "pink",
            "purple", "red", "yellow");

    private final SandboxClock clock;

    public LeadLabelService(SandboxClock clock) {
        this.clock = clock;
    }

    public List<ObjectNode> list(Caller c) {
        return c.account().leadLabels.all().stream().map(LeadLabelService::render).toList();
    }

    public ObjectNode add(Caller c, ObjectNode body) {
        V1Values.onlyKnown(body, Set.of("name", "color"));
        String name = V1Values.text(body, "name");
        if (name == null || name.isBlank() || name.length() > 255) {
            throw ApiException.badRequest("Parameter 'name' is required");
        }
        String color = V1Values.text(body, "color");
        if (color == null || !COLORS.contains(color)) {
            throw ApiException.badRequest("Parameter 'color' must be one of " + String.join(", ", new java.util.TreeSet<>(COLORS)));
        }
        StoredEntity e = c.account().leadLabels.insertKeyed(c.account()::newUuid, Json.object().put("name", name).put("color", color));
        e.addTime = clock.nowSeconds();
        e.updateTime = e.addTime;
        return render(e);
    }

    public ObjectNode update(Caller c, String id, ObjectNode body) {
        V1Values.onlyKnown(body, Set.of("name", "color"));
        StoredEntity e = find(c, id);
        if (body.has("name")) {
            String name = V1Values.text(body, "name");
            if (name == null || name.isBlank()) {
                throw ApiException.badRequest("Parameter 'name' must not be empty");
            }
            e.data.put("name", name);
        }
        if (body.has("color")) {
            String color = V1Values.text(body, "color");
            if (color == null || !COLORS.contains(color)) {
                throw ApiException.badRequest("Parameter 'color' must be one of the allowed colours");
            }
            e.data.put("color", color);
        }
        e.updateTime = clock.nowSeconds();
        return render(e);
    }

    public void delete(Caller c, String id) {
        StoredEntity e = find(c, id);
        c.account().leadLabels.remove(e.key);
        for (StoredEntity lead : c.account().leads.all()) {
            if (!(lead.data.get("label_ids") instanceof com.fasterxml.jackson.databind.node.ArrayNode labels)) {
                continue;
            }
            for (int i = labels.size() - 1; i >= 0; i--) {
                if (labels.get(i).asText().equals(e.key)) {
                    labels.remove(i);
                }
            }
        }
    }

    private static StoredEntity find(Caller c, String id) {
        return c.account().leadLabels.find(id).orElseThrow(() -> ApiException.notFound("Lead label not found"));
    }

    static ObjectNode render(StoredEntity e) {
        ObjectNode o = e.data.deepCopy();
        o.put("add_time", Timestamps.lead(e.addTime));
        o.put("update_time", Timestamps.lead(e.updateTime));
        return o;
    }
}

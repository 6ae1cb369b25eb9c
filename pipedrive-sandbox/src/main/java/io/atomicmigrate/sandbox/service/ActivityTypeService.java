package io.atomicmigrate.sandbox.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atomicmigrate.sandbox.repository.Account;
import io.atomicmigrate.sandbox.repository.StoredEntity;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * v1 activity types (PIPEDRIVE.md 3.8): icon_key from the spec's enum, colour 6-hex, key_string
 * generated from the name (lowercase, non-alphanumerics to "_", de-duplicated) and never changed.
 */
public final class ActivityTypeService {
    public static final Set<String> ICON_KEYS = Set.of("task", "email", "meeting", "deadline", "call", "lunch", "calendar",
            "downarrow", "document", "smartphone", "camera", "scissors", "cogs", "bubble", "uparrow", "checkbox", "signpost",
            "shuffle", "addressbook", "linegraph", "picture", "car", "world", "search", "clip", "sound", "brush", "key",
            "padlock", "pricetag", "suitcase", "finish", "plane", "loop", "wifi", "truck", "cart", "bulb", "bell", "presentation");

    private final SandboxClock clock;

    public ActivityTypeService(SandboxClock clock) {
        this.clock = clock;
    }

    public List<ObjectNode> list(Caller c) {
        return c.account().activityTypes.all().stream().map(ActivityTypeService::render).toList();
    }

    public ObjectNode add(Caller c, ObjectNode body) {
        requireAdmin(c);
        V1Values.onlyKnown(body, Set.of("name", "icon_key", "color"));
        String name = V1Values.text(body, "name");
        if (name == null || name.isBlank() || name.length() > 255) {
            throw ApiException.badRequest("Parameter 'name' is required");
        }
        check(body, true);
        Account a = c.account();
        if (a.activityTypesCap != null && a.activityTypes.where(t -> t.flag("active_flag")).size() >= a.activityTypesCap) {
            throw ApiException.capping("feature_capping_activity_types_limit",
                    "Couldn't add activity type. You've reached the activity type per company limit.");
        }
        long order = a.activityTypes.all().stream().mapToLong(t -> t.longField("order_nr")).max().orElse(0) + 1;
        ObjectNode d = Json.object().put("order_nr", order).put("name", name).put("key_string", keyString(a, name))
                .put("icon_key", body.get("icon_key").asText()).put("active_flag", true);
        d.put("color", V1Values.text(body, "color"));
        d.put("is_custom_flag", true);
        StoredEntity e = a.activityTypes.insertNumbered(d);
        e.addTime = clock.nowSeconds();
        e.updateTime = e.addTime;
        return render(e);
    }

    public ObjectNode update(Caller c, String id, ObjectNode body) {
        requireAdmin(c);
        V1Values.onlyKnown(body, Set.of("name", "icon_key", "color", "order_nr"));
        StoredEntity e = find(c, id);
        check(body, false);
        if (body.has("name")) {
            String name = V1Values.text(body, "name");
            if (name == null || name.isBlank()) {
                throw ApiException.badRequest("Parameter 'name' must not be empty");
            }
            e.data.put("name", name);
        }
        for (String k : List.of("icon_key", "color")) {
            if (body.has(k)) {
                e.data.set(k, body.get(k));
            }
        }
        if (body.has("order_nr")) {
            e.data.put("order_nr", V1Values.id(body, "order_nr"));
        }
        e.updateTime = clock.nowSeconds();
        return render(e);
    }

    public ObjectNode delete(Caller c, String id) {
        requireAdmin(c);
        StoredEntity e = find(c, id);
        e.data.put("active_flag", false);
        e.updateTime = clock.nowSeconds();
        return render(e);
    }

    private static StoredEntity find(Caller c, String id) {
        return c.account().activityTypes.find(id).filter(t -> t.flag("active_flag"))
                .orElseThrow(() -> ApiException.notFound("Activity type not found"));
    }

    private static void check(ObjectNode body, boolean create) {
        JsonNode icon = body.get("icon_key");
        if ((create && (icon == null || icon.isNull())) || (icon != null && !ICON_KEYS.contains(icon.asText()))) {
            throw ApiException.badRequest("Parameter 'icon_key' must be one of the allowed icon keys");
        }
        JsonNode color = body.get("color");
        if (color != null && !color.isNull() && !color.asText().matches("[0-9A-Fa-f]{6}")) {
            throw ApiException.badRequest("Parameter 'color' must be a 6-character hex colour without '#'");
        }
    }

    static String keyString(Account a, String name) {
        String base = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_|_$", "");
        if (base.isEmpty()) {
            base = "type";
        }
        String key = base;
        int n = 1;
        while (taken(a, key)) {
            key = base + "_" + (++n);
        }
        return key;
    }

    private static boolean taken(Account a, String key) {
        return a.activityTypes.all().stream().anyMatch(t -> t.data.path("key_string").asText().equals(key));
    }

    private static void requireAdmin(Caller c) {
        if (!c.admin()) {
            throw ApiException.forbidden();
        }
    }

    static ObjectNode render(StoredEntity e) {
        ObjectNode o = e.data.deepCopy();
        o.put("add_time", Timestamps.v1(e.addTime));
        o.put("update_time", Timestamps.v1(e.updateTime));
        return o;
    }
}

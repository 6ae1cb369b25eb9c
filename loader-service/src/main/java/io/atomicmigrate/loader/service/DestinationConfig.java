package io.atomicmigrate.loader.service;

import io.atomicmigrate.common.map.MigrationMap;
import io.atomicmigrate.loader.repository.DestinationLedger.DestinationObject;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The resolved destination configuration of one migration, as the writer needs it: pipeline and
 * stage ids by name, activity type keys, custom field keys and option ids by name, label options,
 * the marker field of each entity. Built from the destination ledger, so every replica sees the same.
 */
public final class DestinationConfig {

    public static final String PIPELINE = "pipeline";
    public static final String STAGE = "stage";
    public static final String ACTIVITY_TYPE = "activity_type";
    public static final String FIELD = "field";
    public static final String FIELD_OPTION = "field_option";
    public static final String MARKER_FIELD = "marker_field";
    public static final String LABEL_FIELD = "label_field";
    public static final String LABEL = "label";
    /** A tag's lead label (UUID), by {@code tags:<sourceId>}. */
    public static final String LEAD_LABEL = "lead_label";

    private final String migrationId;
    private final long accountId;
    private final Map<String, String> ids = new ConcurrentHashMap<>();
    private final MigrationMap map;

    public DestinationConfig(String migrationId, long accountId, List<DestinationObject> objects) {
        this(migrationId, accountId, objects, null);
    }

    public DestinationConfig(String migrationId, long accountId, List<DestinationObject> objects, MigrationMap map) {
        this.migrationId = migrationId;
        this.accountId = accountId;
        this.map = map;
        objects.forEach(this::add);
    }

    /** The approved map the destination was set up for (null while the setup runs). */
    public MigrationMap map() {
        return map;
    }

    public String migrationId() {
        return migrationId;
    }

    public long accountId() {
        return accountId;
    }

    public void add(DestinationObject o) {
        ids.put(key(o.kind(), o.name()), o.pipedriveId());
    }

    private static String key(String kind, String name) {
        return kind + ":" + name.strip().toLowerCase(Locale.ROOT);
    }

    public String get(String kind, String name) {
        return ids.get(key(kind, name));
    }

    public static String fieldName(String entity, String field) {
        return entity + "." + field;
    }

    public static String optionName(String entity, String field, String label) {
        return entity + "." + field + "=" + label;
    }

    public static String stageName(String pipeline, String stage) {
        return pipeline + "/" + stage;
    }

    public String fieldKey(String entity, String field) {
        return get(FIELD, fieldName(entity, field));
    }

    public String optionId(String entity, String field, String label) {
        return get(FIELD_OPTION, optionName(entity, field, label));
    }

    /** True when any option of the field is known (an enum or set field). */
    public boolean hasOptions(String entity, String field) {
        String prefix = key(FIELD_OPTION, optionName(entity, field, ""));
        return ids.keySet().stream().anyMatch(k -> k.startsWith(prefix));
    }

    public String markerKey(String entity) {
        return get(MARKER_FIELD, entity);
    }
}

package io.atomicmigrate.loader.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atomicmigrate.common.events.payload.DestinationReady;
import io.atomicmigrate.common.json.Json;
import io.atomicmigrate.common.map.ActivityTypeMapping;
import io.atomicmigrate.common.map.CustomFieldSpec;
import io.atomicmigrate.common.map.FieldLine;
import io.atomicmigrate.common.map.MigrationMap;
import io.atomicmigrate.common.map.ObjectMapping;
import io.atomicmigrate.common.map.PipelineMapping;
import io.atomicmigrate.common.map.StageMapping;
import io.atomicmigrate.common.map.Target;
import io.atomicmigrate.loader.client.Envelopes;
import io.atomicmigrate.loader.client.PipedriveAccount;
import io.atomicmigrate.loader.config.LoaderConfig;
import io.atomicmigrate.loader.repository.DestinationLedger;
import io.atomicmigrate.loader.repository.DestinationLedger.DestinationObject;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Prepares a Pipedrive account for an approved map (DESIGN §1 step 5): pipelines per deal category,
 * their stages in order with probabilities, activity types, custom fields with their options, the
 * hidden marker field on every entity with custom fields. Everything is found by name first, so a
 * second run creates nothing; whatever it finds or creates goes to the destination ledger.
 */
@ApplicationScoped
public class DestinationSetup {

    private static final Logger LOG = Logger.getLogger(DestinationSetup.class);
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    /** Entities with custom fields, with their v2 fields path. Leads use deal fields. */
    static final Map<String, String> FIELDS_PATH = Map.of("person", "personFields", "organization", "organizationFields",
            "deal", "dealFields");
    private static final Map<String, String> FIELDS_OPERATION = Map.of("person", "Person", "organization", "Organization",
            "deal", "Deal");

    private final MigrationAccounts accounts;
    private final DestinationLedger ledger;
    private final DestinationDirectory directory;
    private final String markerFieldName;

    public DestinationSetup(MigrationAccounts accounts, DestinationLedger ledger, DestinationDirectory directory,
                            LoaderConfig config) {
        this.accounts = accounts;
        this.ledger = ledger;
        this.directory = directory;
        this.markerFieldName = config.writes().markerFieldName();
    }

    /** Sets the destination up for {@code map} and returns what destination.ready announces. */
    public DestinationReady setUp(MigrationMap map, String mapHash) {
        String migrationId = map.migrationId();
        PipedriveAccount account = accounts.of(migrationId);
        DestinationConfig config = new DestinationConfig(migrationId, account.accountId(), ledger.objects(migrationId));
        Run run = new Run(account, config);
        Map<String, Long> pipelineIds = run.pipelines(map);
        Map<String, Long> stageIds = run.stages(map);
        Map<String, String> activityTypes = run.activityTypes(map);
        Map<String, String> fieldKeys = run.fields(map);
        run.labelField();
        DestinationReady ready = new DestinationReady(pipelineIds, stageIds, activityTypes, fieldKeys, Map.of(),
                run.created);
        ledger.saveDestination(new DestinationLedger.Destination(migrationId, account.accountId(), map.version(), mapHash,
                Json.mapper().valueToTree(map), Json.mapper().valueToTree(ready)));
        directory.forget(migrationId);
        LOG.infof("destination of migration %s ready: %d pipelines, %d stages, %d activity types, %d fields; %d created",
                migrationId, pipelineIds.size(), stageIds.size(), activityTypes.size(), fieldKeys.size(), run.created);
        return ready;
    }

    /** One setup pass: list once per kind, then find or create by name. */
    private final class Run {
        final PipedriveAccount account;
        final DestinationConfig config;
        int created;

        Run(PipedriveAccount account, DestinationConfig config) {
            this.account = account;
            this.config = config;
        }

        void record(String kind, String name, String id, boolean isNew, JsonNode detail) {
            directory.record(config, new DestinationObject(kind, name, id, isNew, detail));
            if (isNew) {
                created++;
            }
        }

        Map<String, Long> pipelines(MigrationMap map) {
            Map<String, Long> out = new LinkedHashMap<>();
            if (map.pipelines().isEmpty()) {
                return out;
            }
            List<JsonNode> existing = Envelopes.allV2(c -> account.call("getPipelines",
                    () -> account.v2().listPipelines(c, Envelopes.MAX_PAGE)));
            for (PipelineMapping p : map.pipelines()) {
                String id = config.get(DestinationConfig.PIPELINE, p.pipeline());
                if (id == null) {
                    JsonNode found = byName(existing, "name", p.pipeline());
                    if (found != null) {
                        id = found.get("id").asText();
                        record(DestinationConfig.PIPELINE, p.pipeline(), id, false, null);
                    } else {
                        ObjectNode body = F.objectNode().put("name", p.pipeline()).put("is_deal_probability_enabled", true);
                        JsonNode createdPipeline = Envelopes.data(account.call("addPipeline", () -> account.v2().addPipeline(body)));
                        existing.add(createdPipeline);
                        id = createdPipeline.get("id").asText();
                        record(DestinationConfig.PIPELINE, p.pipeline(), id, true, null);
                    }
                }
                out.put(p.category(), Long.parseLong(id));
            }
            return out;
        }

        Map<String, Long> stages(MigrationMap map) {
            Map<String, Long> out = new LinkedHashMap<>();
            List<StageMapping> ordered = map.stages().stream().sorted(Comparator.comparingInt(StageMapping::order)).toList();
            Set<String> pipelineNames = new LinkedHashSet<>();
            map.pipelines().forEach(p -> pipelineNames.add(p.pipeline()));
            for (String pipeline : pipelineNames) {
                long pipelineId = Long.parseLong(config.get(DestinationConfig.PIPELINE, pipeline));
                List<JsonNode> existing = null;
                for (StageMapping s : ordered) {
                    String name = DestinationConfig.stageName(pipeline, s.stage());
                    String id = config.get(DestinationConfig.STAGE, name);
                    if (id == null) {
                        if (existing == null) {
                            existing = Envelopes.allV2(c -> account.call("getStages",
                                    () -> account.v2().listStages(pipelineId, c, Envelopes.MAX_PAGE)));
                        }
                        JsonNode found = byName(existing, "name", s.stage());
                        if (found != null) {
                            id = found.get("id").asText();
                            record(DestinationConfig.STAGE, name, id, false, null);
                        } else {
                            ObjectNode body = F.objectNode().put("name", s.stage()).put("pipeline_id", pipelineId);
                            if (s.probability() != null) {
                                body.put("deal_probability", s.probability());
                            }
                            JsonNode stage = Envelopes.data(account.call("addStage", () -> account.v2().addStage(body)));
                            existing.add(stage);
                            id = stage.get("id").asText();
                            record(DestinationConfig.STAGE, name, id, true, null);
                        }
                    }
                    for (PipelineMapping p : map.pipelines()) {
                        if (p.pipeline().equals(pipeline)) {
                            out.put(p.category() + "/" + s.value(), Long.parseLong(id));
                        }
                    }
                }
            }
            return out;
        }

        Map<String, String> activityTypes(MigrationMap map) {
            Map<String, String> out = new LinkedHashMap<>();
            if (map.activityTypes().isEmpty()) {
                return out;
            }
            List<JsonNode> existing = null;
            for (ActivityTypeMapping t : map.activityTypes()) {
                String key = config.get(DestinationConfig.ACTIVITY_TYPE, t.key());
                if (key == null) {
                    if (existing == null) {
                        existing = new ArrayList<>();
                        Envelopes.data(account.call("getActivityTypes", () -> account.v1().activityTypes()))
                                .forEach(existing::add);
                    }
                    JsonNode found = null;
                    for (JsonNode e : existing) {
                        if (e.path("active_flag").asBoolean(true) && (t.key().equals(e.path("key_string").asText())
                                || e.path("name").asText().equalsIgnoreCase(t.name() == null ? "" : t.name().strip()))) {
                            found = e;
                            break;
                        }
                    }
                    boolean isNew = false;
                    if (found == null) {
                        if (!t.create()) {
                            throw new DestinationSetupException("activity type '" + t.key() + "' (task type '" + t.value()
                                    + "') does not exist in the account and the map does not say to create it");
                        }
                        ObjectNode body = F.objectNode().put("name", t.name() == null ? t.label() : t.name())
                                .put("icon_key", t.iconKey() == null ? "task" : t.iconKey());
                        found = Envelopes.data(account.call("addActivityType", () -> account.v1().addActivityType(body)));
                        existing.add(found);
                        isNew = true;
                    }
                    key = found.path("key_string").asText();
                    record(DestinationConfig.ACTIVITY_TYPE, t.key(), key, isNew, null);
                }
                out.put(t.value(), key);
            }
            return out;
        }

        Map<String, String> fields(MigrationMap map) {
            Map<String, String> out = new LinkedHashMap<>();
            Map<String, Map<String, CustomFieldSpec>> specs = new LinkedHashMap<>();
            for (ObjectMapping o : map.objects()) {
                String entity = o.destination();
                if (!FIELDS_PATH.containsKey(entity)) {
                    continue;
                }
                Map<String, CustomFieldSpec> byName = specs.computeIfAbsent(entity, e -> new LinkedHashMap<>());
                for (FieldLine line : o.fields()) {
                    Target t = line.target();
                    if (t != null && t.kind() == Target.TargetKind.CUSTOM && t.custom() != null) {
                        byName.putIfAbsent(t.custom().name().strip().toLowerCase(Locale.ROOT), t.custom());
                    }
                }
            }
            // the marker field lives on every entity that has custom fields, used or not by the map
            for (String entity : List.of("organization", "person", "deal")) {
                specs.computeIfAbsent(entity, e -> new LinkedHashMap<>());
            }
            for (Map.Entry<String, Map<String, CustomFieldSpec>> e : specs.entrySet()) {
                String entity = e.getKey();
                String path = FIELDS_PATH.get(entity);
                List<JsonNode> existing = null;
                List<CustomFieldSpec> wanted = new ArrayList<>(e.getValue().values());
                for (CustomFieldSpec spec : wanted) {
                    existing = ensureField(entity, path, spec, existing, false);
                    out.put(DestinationConfig.fieldName(entity, spec.name()), config.fieldKey(entity, spec.name()));
                }
                if (config.markerKey(entity) == null) {
                    existing = ensureField(entity, path, new CustomFieldSpec(markerFieldName,
                            io.atomicmigrate.common.map.FieldType.VARCHAR, null), existing, true);
                }
                out.put(DestinationConfig.fieldName(entity, markerFieldName), config.markerKey(entity));
            }
            return out;
        }

        private List<JsonNode> ensureField(String entity, String path, CustomFieldSpec spec, List<JsonNode> existing,
                                           boolean marker) {
            String known = marker ? config.markerKey(entity) : config.fieldKey(entity, spec.name());
            if (known != null && spec.options().stream().allMatch(o -> config.optionId(entity, spec.name(), o) != null)) {
                return existing;
            }
            if (existing == null) {
                existing = Envelopes.allV2(c -> account.call("get" + FIELDS_OPERATION.get(entity) + "Fields",
                        () -> account.v2().listFields(path, c, Envelopes.MAX_PAGE)));
            }
            JsonNode field = byName(existing, "field_name", spec.name());
            boolean isNew = false;
            if (field == null) {
                ObjectNode body = F.objectNode().put("field_name", spec.name()).put("field_type", spec.type().wireName());
                if (!spec.options().isEmpty()) {
                    ArrayNode options = body.putArray("options");
                    spec.options().forEach(o -> options.addObject().put("label", o));
                }
                if (marker) {
                    // hidden from people: it only exists so a lost response can be matched to its record
                    body.putObject("ui_visibility").put("add_visible_flag", false).put("details_visible_flag", false);
                }
                field = Envelopes.data(account.call("add" + FIELDS_OPERATION.get(entity) + "Field",
                        () -> account.v2().addField(path, body)));
                existing.add(field);
                isNew = true;
            } else if (!spec.type().wireName().equals(field.path("field_type").asText())) {
                throw new DestinationSetupException(entity + " field '" + spec.name() + "' exists as "
                        + field.path("field_type").asText() + " but the map needs " + spec.type().wireName()
                        + "; rename one of them");
            }
            String code = field.path("field_code").asText();
            record(marker ? DestinationConfig.MARKER_FIELD : DestinationConfig.FIELD,
                    marker ? entity : DestinationConfig.fieldName(entity, spec.name()), code, isNew, null);
            if (!spec.options().isEmpty()) {
                ensureOptions(entity, path, spec, field, isNew);
            }
            return existing;
        }

        /** Options the field lacks are added in one call; those of a field created just now were created with it. */
        private void ensureOptions(String entity, String path, CustomFieldSpec spec, JsonNode field, boolean fieldIsNew) {
            Map<String, String> have = new LinkedHashMap<>();
            for (JsonNode o : field.path("options")) {
                have.put(o.path("label").asText().strip().toLowerCase(Locale.ROOT), o.path("id").asText());
            }
            List<String> missing = spec.options().stream()
                    .filter(o -> !have.containsKey(o.strip().toLowerCase(Locale.ROOT))).toList();
            if (!missing.isEmpty()) {
                ArrayNode body = F.arrayNode();
                missing.forEach(m -> body.addObject().put("label", m));
                JsonNode added = Envelopes.data(account.call("add" + FIELDS_OPERATION.get(entity) + "FieldOptions",
                        () -> account.v2().addFieldOptions(path, field.path("field_code").asText(), body)));
                for (JsonNode o : added) {
                    String label = o.path("label").asText();
                    record(DestinationConfig.FIELD_OPTION, DestinationConfig.optionName(entity, spec.name(), label),
                            o.path("id").asText(), true, null);
                    have.remove(label.strip().toLowerCase(Locale.ROOT));
                }
            }
            for (JsonNode o : field.path("options")) {
                String label = o.path("label").asText();
                if (config.optionId(entity, spec.name(), label) == null) {
                    record(DestinationConfig.FIELD_OPTION, DestinationConfig.optionName(entity, spec.name(), label),
                            o.path("id").asText(), fieldIsNew, null);
                }
            }
        }

        /** The person Label field (its options become tags' labels); Pipedrive's field_code for it is not documented. */
        void labelField() {
            if (config.get(DestinationConfig.LABEL_FIELD, "person") != null) {
                return;
            }
            List<JsonNode> fields = Envelopes.allV2(c -> account.call("getPersonFields",
                    () -> account.v2().listFields("personFields", c, Envelopes.MAX_PAGE)));
            for (JsonNode f : fields) {
                String code = f.path("field_code").asText();
                String name = f.path("field_name").asText().toLowerCase(Locale.ROOT);
                if (code.equals("label_ids") || code.equals("label") || !f.path("is_custom_field").asBoolean(false)
                        && (name.equals("label") || name.equals("labels"))) {
                    record(DestinationConfig.LABEL_FIELD, "person", code, false, null);
                    for (JsonNode o : f.path("options")) {
                        record(DestinationConfig.LABEL, "person=" + o.path("label").asText(), o.path("id").asText(),
                                false, null);
                    }
                    return;
                }
            }
            LOG.warnf("the account has no person Label field; tags cannot become labels");
        }
    }

    static JsonNode byName(List<JsonNode> items, String field, String name) {
        if (name == null) {
            return null;
        }
        String wanted = name.strip().toLowerCase(Locale.ROOT);
        for (JsonNode item : items) {
            if (item.path("is_deleted").asBoolean(false)) {
                continue;
            }
            if (item.path(field).asText().strip().toLowerCase(Locale.ROOT).equals(wanted)) {
                return item;
            }
        }
        return null;
    }

    /** The destination cannot be prepared as the map says; the message tells the operator what to change. */
    public static final class DestinationSetupException extends RuntimeException {
        public DestinationSetupException(String message) {
            super(message);
        }
    }
}

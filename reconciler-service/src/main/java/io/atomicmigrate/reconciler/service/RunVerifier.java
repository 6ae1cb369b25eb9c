package io.atomicmigrate.reconciler.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atomicmigrate.common.events.EventEnvelope;
import io.atomicmigrate.common.events.payload.MigrationVerified;
import io.atomicmigrate.common.json.Json;
import io.atomicmigrate.reconciler.client.PipedriveAccount;
import io.atomicmigrate.reconciler.client.PipedriveListClient;
import io.atomicmigrate.reconciler.messaging.ConductorEventPublisher;
import io.atomicmigrate.reconciler.repository.LifecycleEventRepository;
import io.atomicmigrate.reconciler.repository.RecordLedgerRepository;
import io.atomicmigrate.reconciler.repository.RecordLedgerRepository.Loaded;
import io.atomicmigrate.reconciler.repository.RunRepository;
import io.atomicmigrate.reconciler.repository.VerificationRepository;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Verification (DESIGN §1 step 9): reads every record a run loaded back from Pipedrive with list
 * endpoints (one call per 500 records, not one per record) and compares it field by field with the
 * mapped payload that was sent. Option fields (enum, set) come back as option ids: the entity's
 * field definitions are listed once per verification (v2 personFields / organizationFields /
 * dealFields, 500 per page; leads use the deal's) and the ids are compared as their labels. The
 * result is stored, served over REST and announced as migration.verified.
 */
@ApplicationScoped
public class RunVerifier {

    private final RunRepository runs;
    private final RecordLedgerRepository ledger;
    private final LifecycleEventRepository lifecycle;
    private final VerificationRepository verifications;
    private final PipedriveListClient client;
    private final DestinationDirectory destinations;
    private final ConductorEventPublisher publisher;

    public RunVerifier(RunRepository runs, RecordLedgerRepository ledger, LifecycleEventRepository lifecycle,
                       VerificationRepository verifications, PipedriveListClient client,
                       DestinationDirectory destinations, ConductorEventPublisher publisher) {
        this.runs = runs;
        this.ledger = ledger;
        this.lifecycle = lifecycle;
        this.verifications = verifications;
        this.client = client;
        this.destinations = destinations;
        this.publisher = publisher;
    }

    public Uni<VerificationReport> verify(String migrationId, String runId) {
        return runs.find(runId).chain(run -> {
            if (run == null || !run.migrationId().equals(migrationId)) {
                return Uni.createFrom().failure(new ConductorException(404, "NO_SUCH_RUN",
                        "migration " + migrationId + " has no run " + runId));
            }
            if (run.state() == Run.State.RUNNING) {
                return Uni.createFrom().failure(new ConductorException(409, "RUN_IN_PROGRESS",
                        "run " + runId + " is still running; verify it once it has reconciled"));
            }
            return destinations.of(migrationId).chain(found -> {
                PipedriveAccount account = found.orElse(null);
                if (account == null) {
                    return Uni.createFrom().<VerificationReport>failure(new ConductorException(409, "NO_DESTINATION",
                            "no Pipedrive account is known for migration " + migrationId + " (registered, configured as"
                                    + " reconciler.destinations.\"" + migrationId + "\".base-url and .api-token, or"
                                    + " given by the extractor's internal endpoint)"));
                }
                return Uni.combine().all().unis(ledger.loaded(migrationId, runId), lifecycle.latestPayloads(migrationId),
                                ledger.pipedriveIds(migrationId))
                        .asTuple().chain(t -> compare(runId, account, t.getItem1(), fieldKeys(t.getItem2()), t.getItem3()));
            });
        }).call(report -> verifications.save(migrationId, report))
                .call(report -> publisher.lifecycle(EventEnvelope.of(migrationId, runId, null, new MigrationVerified(
                        report.objects().stream().map(o -> new MigrationVerified.ObjectVerification(o.object(),
                                o.recordsChecked(), o.recordsMissing(), o.fieldsChecked(), o.fieldMismatches())).toList(),
                        report.complete()))));
    }

    public Uni<VerificationReport> latest(String migrationId, String runId) {
        return verifications.find(migrationId, runId).onItem().ifNull().failWith(() -> new ConductorException(404,
                "NOT_VERIFIED", "run " + runId + " has not been verified yet"));
    }

    private Uni<VerificationReport> compare(String runId, PipedriveAccount account, List<Loaded> loaded,
                                            Map<String, String> fieldKeys, Map<String, String> ids) {
        Map<String, List<Loaded>> byObject = new TreeMap<>();
        loaded.forEach(l -> byObject.computeIfAbsent(l.object() == null ? "unknown" : l.object(), k -> new ArrayList<>()).add(l));
        // each entity's field definitions are listed once per verification (leads and deals share the deal's)
        Map<String, Uni<Map<String, Map<String, String>>>> optionsByEntity = new HashMap<>();
        return Multi.createFrom().iterable(byObject.entrySet())
                .onItem().transformToUniAndConcatenate(e -> verifyObject(account, e.getKey(), e.getValue(), fieldKeys, ids,
                        optionsByEntity))
                .collect().asList()
                .map(objects -> new VerificationReport(runId, objects.stream().allMatch(o -> o.recordsMissing() == 0
                        && o.fieldMismatches() == 0 && o.recordsChecked() > 0), objects, Instant.now()));
    }

    private Uni<VerificationReport.ObjectReport> verifyObject(PipedriveAccount account, String object,
                                                             List<Loaded> records, Map<String, String> fieldKeys,
                                                             Map<String, String> ids,
                                                             Map<String, Uni<Map<String, Map<String, String>>>> optionsByEntity) {
        if (!PipedriveListClient.canList(object)) {
            return Uni.createFrom().item(new VerificationReport.ObjectReport(object, 0, 0, 0, 0, List.of(), List.of(),
                    Map.of("no list endpoint for " + object + " (" + records.size() + " record(s) not verified)",
                            (long) records.size())));
        }
        String entity = "lead".equals(object) ? "deal" : object;
        Uni<Map<String, Map<String, String>>> optionFields = PipedriveListClient.hasFields(entity)
                ? optionsByEntity.computeIfAbsent(entity, e -> client.listFields(account, e)
                        .map(RunVerifier::optionLabels).memoize().indefinitely())
                : Uni.createFrom().item(Map.of());
        return Uni.combine().all().unis(client.listAll(account, object), optionFields).asTuple().map(t -> {
            List<JsonNode> found = t.getItem1();
            Map<String, Map<String, String>> options = t.getItem2();
            Map<String, JsonNode> byId = new HashMap<>();
            found.forEach(r -> byId.put(r.path("id").asText(), r));
            long fields = 0;
            long mismatchCount = 0;
            List<String> missing = new ArrayList<>();
            List<VerificationReport.RecordMismatch> mismatches = new ArrayList<>();
            Map<String, Long> notCompared = new LinkedHashMap<>();
            for (Loaded l : records) {
                JsonNode back = byId.get(l.pipedriveId());
                if (back == null) {
                    missing.add(l.table() + "/" + l.sourceId() + " → " + object + " " + l.pipedriveId());
                    continue;
                }
                if (l.sentPayload() == null) {
                    notCompared.merge("sent payload unknown (mapped event not seen)", 1L, Long::sum);
                    continue;
                }
                JsonNode sent = Json.mapper().valueToTree(l.sentPayload().getMap());
                if (COMPARED_ONLY.containsKey(object)) {
                    // an owner is matched by e-mail (the Pipedrive user's name is the customer's); a label by name
                    ObjectNode only = Json.mapper().createObjectNode();
                    String key = COMPARED_ONLY.get(object);
                    if (sent.has(key)) {
                        only.set(key, sent.get(key));
                    }
                    sent.fieldNames().forEachRemaining(f -> {
                        if (!f.equals(key)) {
                            notCompared.merge(object + " " + f + ": not part of matching the " + object, 1L, Long::sum);
                        }
                    });
                    sent = only;
                }
                String owner = markerOf(back, fieldKeys, entity);
                if (owner != null && !owns(owner, l)) {
                    // merged (dedup policy) into the record of another source row: that row's values stand,
                    // this one only added its e-mails, phones and labels, so only those are compared
                    long others = 0;
                    ObjectNode added = Json.mapper().createObjectNode();
                    for (var it = sent.fields(); it.hasNext(); ) {
                        var e = it.next();
                        if (MERGED_FIELDS.contains(e.getKey())) {
                            added.set(e.getKey(), e.getValue());
                        } else {
                            others++;
                        }
                    }
                    notCompared.merge("merged (dedup policy) into the record of another " + l.table()
                            + " row: only its e-mails, phones and labels are compared", others, Long::sum);
                    sent = added;
                }
                FieldComparison.Result r = FieldComparison.compare(entity, sent,
                        l.referenceFields(), back, fieldKeys, links(l, ids), options);
                fields += r.fieldsChecked();
                mismatchCount += r.mismatches().size();
                if (!r.mismatches().isEmpty()) {
                    mismatches.add(new VerificationReport.RecordMismatch(l.table(), l.sourceId(), l.pipedriveId(),
                            r.mismatches()));
                }
                r.notCompared().forEach(why -> notCompared.merge(why, 1L, Long::sum));
            }
            return new VerificationReport.ObjectReport(object, records.size(), missing.size(), fields, mismatchCount,
                    missing, mismatches, notCompared);
        });
    }

    /** The top-level reference fields of a record whose target row is in Pipedrive, with the id it has there. */
    private static Map<String, String> links(Loaded record, Map<String, String> ids) {
        Map<String, String> out = new HashMap<>();
        if (record.referenceTargets() != null) {
            for (Object o : record.referenceTargets()) {
                JsonObject ref = (JsonObject) o;
                String field = ref.getString("field");
                String id = ids.get(ref.getString("table") + "/" + ref.getString("sourceId"));
                if (field != null && id != null && !field.contains("[") && !field.contains(".")) {
                    out.put(field, id);
                }
            }
        }
        return out;
    }

    /** Field definitions → the option fields (enum, set, label_ids): field code → option id → label. */
    static Map<String, Map<String, String>> optionLabels(List<JsonNode> fields) {
        Map<String, Map<String, String>> out = new HashMap<>();
        for (JsonNode f : fields) {
            JsonNode options = f.path("options");
            if (!options.isArray()) {
                continue;
            }
            Map<String, String> labels = new HashMap<>();
            options.forEach(o -> labels.put(o.path("id").asText(), o.path("label").asText()));
            out.put(f.path("field_code").asText(), labels);
        }
        return out;
    }

    private static Map<String, String> fieldKeys(Map<String, JsonObject> latest) {
        JsonObject ready = latest.get("destination.ready");
        Map<String, String> keys = new HashMap<>();
        if (ready != null && ready.getJsonObject("fieldKeys") != null) {
            ready.getJsonObject("fieldKeys").forEach(e -> keys.put(e.getKey(), String.valueOf(e.getValue())));
        }
        return keys;
    }

    /** Objects the loader matches rather than writes: only the matching field is theirs to compare. */
    private static final Map<String, String> COMPARED_ONLY = Map.of("user", "email", "label", "name");

    /** What a merge adds to the record it merges into (the loader's merge PATCH). */
    private static final java.util.Set<String> MERGED_FIELDS = java.util.Set.of("emails", "phones", "label_ids");

    /** The hidden marker on a record read back ({@code <table>:<id>}), or null when the entity has none. */
    private static String markerOf(JsonNode record, Map<String, String> fieldKeys, String entity) {
        String key = fieldKeys.get(entity + "." + MARKER_FIELD);
        if (key == null) {
            return null;
        }
        JsonNode marker = record.path("custom_fields").has(key) ? record.path("custom_fields").get(key) : record.get(key);
        return marker == null || !marker.isTextual() || marker.asText().isEmpty() ? null : marker.asText();
    }

    /** Whether the marker is this source row's ({@code contacts:42}, or {@code contacts:42:lead} for its lead). */
    private static boolean owns(String marker, Loaded l) {
        String mine = l.table() + ":" + l.sourceId();
        return marker.equals(mine) || marker.startsWith(mine + ":");
    }

    /** The loader's marker field name (loader.writes.marker-field-name, default "Atomic CRM id"). */
    private static final String MARKER_FIELD = "Atomic CRM id";
}

package io.atomicmigrate.loader.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atomicmigrate.common.events.payload.RecordMapped;
import io.atomicmigrate.common.events.payload.RecordOutcome;
import io.atomicmigrate.common.events.payload.RecordOutcome.Outcome;
import io.atomicmigrate.common.json.Json;
import io.atomicmigrate.common.map.MigrationMap;
import io.atomicmigrate.loader.client.Envelopes;
import io.atomicmigrate.loader.client.PipedriveAccount;
import io.atomicmigrate.loader.client.PipedriveRateLimitedException;
import io.atomicmigrate.loader.client.PipedriveRejectedException;
import io.atomicmigrate.loader.client.PipedriveUnavailableException;
import io.atomicmigrate.loader.repository.DestinationLedger.DestinationObject;
import io.atomicmigrate.loader.repository.IdLedger;
import io.atomicmigrate.loader.repository.LedgerEntry;
import io.atomicmigrate.loader.repository.OwnerRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import io.atomicmigrate.loader.config.LoaderConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.jboss.logging.Logger;
import io.smallrye.faulttolerance.api.ExponentialBackoff;

/**
 * Where a mapped record becomes a Pipedrive record: one API call per record, idempotent by the
 * intent → create with marker → done protocol (DESIGN §5), with dedup against existing persons and
 * organizations. Every attempt starts from the ledger, so a retry (or a redelivery, or another
 * replica after a restart) resolves an open intent by the marker before it creates anything.
 */
@ApplicationScoped
public class RecordWriter {

    private static final Logger LOG = Logger.getLogger(RecordWriter.class);
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    /** v2 entity path and operation id infix per object. */
    private static final Map<String, String[]> V2 = Map.of("organization", new String[]{"organizations", "Organization"},
            "person", new String[]{"persons", "Person"}, "deal", new String[]{"deals", "Deal"});
    private static final Set<String> WRITTEN = Set.of("organization", "person", "deal", "note", "activity", "lead");
    /** Pipedrive answers these for a record that is gone already (deleted by us before a crash, or by a user). */
    private static final Set<Integer> GONE = Set.of(404, 410);

    private final IdLedger ledger;
    private final DestinationDirectory destinations;
    private final MigrationAccounts accounts;
    private final PayloadResolver resolver;
    private final ExistingRecords existing;
    private final IntentResolver intents;
    private final OwnerReconciler owners;
    private final LeadLabels leadLabels;
    private final Duration inFlightGrace;

    public RecordWriter(IdLedger ledger, DestinationDirectory destinations, MigrationAccounts accounts,
                        PayloadResolver resolver, ExistingRecords existing, IntentResolver intents, OwnerReconciler owners,
                        LeadLabels leadLabels, LoaderConfig config) {
        this.leadLabels = leadLabels;
        this.inFlightGrace = config.writes().inFlightGrace();
        this.ledger = ledger;
        this.destinations = destinations;
        this.accounts = accounts;
        this.resolver = resolver;
        this.existing = existing;
        this.intents = intents;
        this.owners = owners;
    }

    /**
     * Writes one record and returns its outcome (null for objects the loader does not write, such as
     * files). Transient failures are retried here with backoff; a permanent refusal is a FAILED outcome.
     */
    @Retry(maxRetries = 5, delay = 200, jitter = 100, maxDuration = 120_000,
            retryOn = {PipedriveUnavailableException.class, PipedriveRateLimitedException.class})
    @ExponentialBackoff(factor = 2, maxDelay = 5_000)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.8, delay = 5_000, successThreshold = 2,
            failOn = PipedriveUnavailableException.class)
    public RecordOutcome write(String migrationId, String runId, RecordMapped record) {
        if (record.action() == RecordMapped.Action.SKIP) {
            return null; // no write in this phase under the map: no call, no outcome; the reconciler counts it skipped
        }
        if (record.action() == RecordMapped.Action.DELETE) {
            return delete(migrationId, runId, record);
        }
        DestinationConfig dest = destinations.of(migrationId).orElseThrow(() -> new DestinationNotReadyException(migrationId));
        return switch (record.object()) {
            case "user" -> owner(migrationId, runId, dest.map(), record);
            case "label" -> label(migrationId, runId, dest, record);
            default -> WRITTEN.contains(record.object()) ? entity(migrationId, runId, dest, record) : null;
        };
    }

    private RecordOutcome entity(String migrationId, String runId, DestinationConfig dest, RecordMapped r) {
        PipedriveAccount account = accounts.of(migrationId);
        Optional<LedgerEntry> entry = ledger.find(migrationId, r.sourceTable(), r.sourceId(), r.object());
        PayloadResolver.Resolved resolved;
        try {
            resolved = resolver.resolve(migrationId, r, dest, dest.map().owners());
        } catch (RecordRejectedByLoader e) {
            return failed(migrationId, account, r, entry.map(LedgerEntry::requestHash).orElse("-"), e.code(), null, e.getMessage());
        }
        ObjectNode body = resolved.body();
        String hash = sha256(body);
        if (entry.isPresent() && entry.get().done()) {
            if (hash.equals(entry.get().requestHash())) {
                // nothing to send; within the run that wrote it a redelivery re-publishes the same outcome
                // (same event id), a later run (production after sample, a delta) reports it unchanged
                return again(entry.get(), runId);
            }
            return update(migrationId, runId, account, r, entry.get(), body, hash);
        }
        try {
            if (entry.isPresent() && entry.get().openIntent()) {
                awaitInFlight(entry.get().lastAttemptAt());
                Optional<JsonNode> found = intents.find(account, dest, r.object(), r.marker(), body, entry.get().intentAt());
                if (found.isPresent()) {
                    LOG.debugf("open intent of %s resolved by marker: %s %s", r.marker(), r.object(), found.get().path("id"));
                    return created(migrationId, runId, account, r, hash, found.get(), resolved);
                }
            }
            if (mergePolicy(dest.map()) && V2.containsKey(r.object())) {
                Optional<JsonNode> match = existing.match(account, r.object(), body);
                if (match.isPresent()) {
                    return merge(migrationId, runId, account, r, match.get(), body, hash);
                }
            }
            ledger.intent(migrationId, r.sourceTable(), r.sourceId(), r.object(), r.marker(), account.accountId(), hash,
                    runId, r.mapVersion());
            JsonNode created = create(account, r.object(), body);
            return created(migrationId, runId, account, r, hash, created, resolved);
        } catch (PipedriveRejectedException e) {
            return failed(migrationId, account, r, hash, e.code(), e.status(), e.getMessage());
        }
    }

    private static boolean mergePolicy(MigrationMap map) {
        return map == null || map.dedup() == null || !"create".equalsIgnoreCase(map.dedup().onMatch());
    }

    private JsonNode create(PipedriveAccount account, String object, ObjectNode body) {
        String[] v2 = V2.get(object);
        if (v2 != null) {
            return Envelopes.data(account.call("add" + v2[1], () -> account.v2().create(v2[0], body)));
        }
        return switch (object) {
            case "activity" -> Envelopes.data(account.call("addActivity", () -> account.v2().addActivity(body)));
            case "note" -> Envelopes.data(account.call("addNote", () -> account.v1().addNote(body)));
            case "lead" -> Envelopes.data(account.call("addLead", () -> account.v1().addLead(body)));
            default -> throw new IllegalArgumentException("the loader does not create " + object);
        };
    }

    private RecordOutcome created(String migrationId, String runId, PipedriveAccount account, RecordMapped r, String hash,
                                  JsonNode entity, PayloadResolver.Resolved resolved) {
        String id = entity.path("id").asText();
        for (Long person : resolved.participants()) {
            // extra persons of a deal: Pipedrive has one person per deal and no way to send others in the create
            ObjectNode participant = F.objectNode().put("person_id", person);
            account.call("addDealParticipant", () -> account.v1().addDealParticipant(Long.parseLong(id), participant));
        }
        RecordOutcome outcome = new RecordOutcome(r.sourceTable(), r.sourceId(), Outcome.CREATED, r.object(), id, null);
        ledger.done(migrationId, r.sourceTable(), r.sourceId(), r.object(), r.marker(), account.accountId(), hash, id,
                "created", null, Json.mapper().valueToTree(outcome), runId);
        existing.remember(account, r.object(), entity);
        return outcome;
    }

    /**
     * The record exists in Pipedrive already (the dedup policy matched it): one PATCH with our values,
     * keeping its e-mails, phones and labels, and its before-image in the ledger for rollback.
     * The marker stays off: it identifies records this migration created.
     */
    private RecordOutcome merge(String migrationId, String runId, PipedriveAccount account, RecordMapped r,
                                JsonNode match, ObjectNode body, String hash) {
        DestinationConfig dest = destinations.of(migrationId).orElseThrow();
        ObjectNode patch = body.deepCopy();
        patch.remove("add_time");
        if (createdByAMigration(match, dest.markerKey(r.object()))) {
            // Two source rows of one migration are the same record (two contacts sharing an e-mail,
            // two companies with one name): the first row's values stay, the second adds only its
            // e-mails, phones and labels. Overwriting would make the first row's values vanish.
            patch.retain("emails", "phones", "label_ids");
            if (patch.isEmpty()) {
                return mergedWithoutChange(migrationId, runId, account, r, match, hash);
            }
        }
        JsonNode custom = patch.get("custom_fields");
        if (custom instanceof ObjectNode c) {
            c.remove(dest.markerKey(r.object()));
            if (c.isEmpty()) {
                patch.remove("custom_fields");
            }
        }
        union(patch, match, "emails");
        union(patch, match, "phones");
        unionIds(patch, match, "label_ids");
        String[] v2 = V2.get(r.object());
        long id = match.path("id").asLong();
        ledger.intent(migrationId, r.sourceTable(), r.sourceId(), r.object(), r.marker(), account.accountId(), hash, runId,
                r.mapVersion());
        // nothing of ours to add (e.g. a second company of the same name, without labels): no call at all
        JsonNode updated = patch.isEmpty() ? match
                : Envelopes.data(account.call("update" + v2[1], () -> account.v2().update(v2[0], id, patch)));
        RecordOutcome outcome = new RecordOutcome(r.sourceTable(), r.sourceId(), Outcome.MERGED, r.object(),
                Long.toString(id), null);
        ledger.done(migrationId, r.sourceTable(), r.sourceId(), r.object(), r.marker(), account.accountId(), hash,
                Long.toString(id), "merged", match, Json.mapper().valueToTree(outcome), runId);
        existing.remember(account, r.object(), updated);
        return outcome;
    }

    private RecordOutcome mergedWithoutChange(String migrationId, String runId, PipedriveAccount account,
                                              RecordMapped r, JsonNode match, String hash) {
        String id = match.path("id").asText();
        RecordOutcome outcome = new RecordOutcome(r.sourceTable(), r.sourceId(), Outcome.MERGED, r.object(), id, null);
        ledger.done(migrationId, r.sourceTable(), r.sourceId(), r.object(), r.marker(), account.accountId(), hash, id,
                "merged", match, Json.mapper().valueToTree(outcome), runId);
        return outcome;
    }

    /** The record carries a marker: it was created by a migration, not by the customer. */
    private static boolean createdByAMigration(JsonNode record, String markerKey) {
        JsonNode marker = record.path("custom_fields").path(markerKey);
        return marker.isTextual() && !marker.asText().isEmpty();
    }

    /**
     * Delta (or a later run): the source row changed since it was loaded; one update of the same record,
     * never a second one. A record we merged into keeps the customer's e-mails, phones and labels (from
     * its before-image) and gets no marker, as in the merge.
     */
    private RecordOutcome update(String migrationId, String runId, PipedriveAccount account, RecordMapped r,
                                 LedgerEntry entry, ObjectNode body, String hash) {
        ObjectNode patch = body.deepCopy();
        if (!"note".equals(r.object())) {
            patch.remove("add_time"); // persons and organizations take it on create only; notes keep theirs
        }
        if ("merged".equals(entry.how()) && entry.beforeImage() != null) {
            JsonNode custom = patch.get("custom_fields");
            if (custom instanceof ObjectNode c) {
                destinations.of(migrationId).map(d -> d.markerKey(r.object())).ifPresent(c::remove);
            }
            union(patch, entry.beforeImage(), "emails");
            union(patch, entry.beforeImage(), "phones");
            unionIds(patch, entry.beforeImage(), "label_ids");
        }
        String id = entry.pipedriveId();
        try {
            String[] v2 = V2.get(r.object());
            if (v2 != null) {
                account.call("update" + v2[1], () -> account.v2().update(v2[0], Long.parseLong(id), patch));
            } else {
                switch (r.object()) {
                    case "activity" -> account.call("updateActivity",
                            () -> account.v2().update("activities", Long.parseLong(id), patch));
                    case "note" -> account.call("updateNote", () -> account.v1().updateNote(Long.parseLong(id), patch));
                    case "lead" -> account.call("updateLead", () -> account.v1().updateLead(id, patch));
                    default -> throw new IllegalArgumentException("the loader does not update " + r.object());
                }
            }
        } catch (PipedriveRejectedException e) {
            return failed(migrationId, account, r, hash, e.code(), e.status(), e.getMessage());
        }
        RecordOutcome outcome = new RecordOutcome(r.sourceTable(), r.sourceId(), Outcome.UPDATED, r.object(), id, null);
        ledger.done(migrationId, r.sourceTable(), r.sourceId(), r.object(), r.marker(), account.accountId(), hash,
                id, entry.how(), null, Json.mapper().valueToTree(outcome), runId);
        return outcome;
    }

    /**
     * Delta: the source row was deleted. What we created for it is deleted in Pipedrive (state
     * {@code deleted}, outcome DELETED); a record we merged into was the customer's before the migration
     * and is never deleted (UNCHANGED, with a note saying so); with nothing in the ledger there is nothing
     * to delete (UNCHANGED, no call). A redelivery finds the row deleted and re-publishes DELETED.
     */
    private RecordOutcome delete(String migrationId, String runId, RecordMapped r) {
        Optional<LedgerEntry> entry = ledger.find(migrationId, r.sourceTable(), r.sourceId(), r.object());
        if (entry.isPresent() && entry.get().deleted()) {
            return stored(entry.get());
        }
        if (entry.isPresent() && entry.get().openIntent() && MARKED.contains(r.object())) {
            // a crash left the create unconfirmed: it may have reached Pipedrive, so look for it by its
            // marker before concluding there is nothing to delete
            entry = resolveIntentForDelete(migrationId, r, entry.get());
        }
        if (entry.isEmpty() || !entry.get().done()) {
            // never loaded, failed, or an unconfirmed note/activity create (see README "Known gaps")
            return new RecordOutcome(r.sourceTable(), r.sourceId(), Outcome.UNCHANGED, r.object(), null, null);
        }
        LedgerEntry e = entry.get();
        if (!"created".equals(e.how()) || !WRITTEN.contains(r.object())) {
            return new RecordOutcome(r.sourceTable(), r.sourceId(), Outcome.UNCHANGED, r.object(), e.pipedriveId(),
                    new RecordOutcome.Error("KEPT_PRE_EXISTING", null, "the source row was deleted, but this Pipedrive "
                            + r.object() + " was not created by the migration (" + e.how() + "): it is kept"));
        }
        PipedriveAccount account = accounts.of(migrationId);
        String id = e.pipedriveId();
        try {
            String[] v2 = V2.get(r.object());
            switch (r.object()) {
                case "activity" -> account.call("deleteActivity", () -> account.v2().delete("activities", Long.parseLong(id)));
                case "note" -> account.call("deleteNote", () -> account.v1().deleteNote(Long.parseLong(id)));
                case "lead" -> account.call("deleteLead", () -> account.v1().deleteLead(id));
                default -> account.call("delete" + v2[1], () -> account.v2().delete(v2[0], Long.parseLong(id)));
            }
        } catch (PipedriveRejectedException ex) {
            if (!GONE.contains(ex.status())) {
                return new RecordOutcome(r.sourceTable(), r.sourceId(), Outcome.FAILED, r.object(), id,
                        new RecordOutcome.Error(ex.code(), ex.status(), ex.getMessage()));
            }
            // deleted already: by an attempt whose answer was lost, or by a user; the end state is the same
        }
        RecordOutcome outcome = new RecordOutcome(r.sourceTable(), r.sourceId(), Outcome.DELETED, r.object(), id, null);
        ledger.deleted(migrationId, r.sourceTable(), r.sourceId(), r.object(), runId, Json.mapper().valueToTree(outcome));
        return outcome;
    }

    /** Objects that carry the marker, so an unconfirmed create can be found without its request body. */
    private static final java.util.Set<String> MARKED = java.util.Set.of("person", "organization", "deal", "lead");

    private Optional<LedgerEntry> resolveIntentForDelete(String migrationId, RecordMapped r, LedgerEntry intent) {
        awaitInFlight(intent.lastAttemptAt());
        PipedriveAccount account = accounts.of(migrationId);
        DestinationConfig dest = destinations.of(migrationId).orElseThrow(
                () -> new DestinationNotReadyException(migrationId));
        Optional<JsonNode> found = intents.find(account, dest, r.object(), intent.marker(), F.objectNode(),
                intent.intentAt());
        if (found.isEmpty()) {
            return Optional.empty(); // the create never happened: nothing to delete
        }
        String id = found.get().path("id").asText();
        RecordOutcome created = new RecordOutcome(r.sourceTable(), r.sourceId(), Outcome.CREATED, r.object(), id, null);
        ledger.done(migrationId, r.sourceTable(), r.sourceId(), r.object(), intent.marker(), account.accountId(),
                intent.requestHash(), id, "created", null, Json.mapper().valueToTree(created), intent.runId());
        return ledger.find(migrationId, r.sourceTable(), r.sourceId(), r.object());
    }

    /** A sales row: matched to a Pipedrive user by e-mail (nothing is written); waits while unresolved. */
    private RecordOutcome owner(String migrationId, String runId, MigrationMap map, RecordMapped r) {
        Optional<LedgerEntry> entry = ledger.find(migrationId, r.sourceTable(), r.sourceId(), r.object());
        if (entry.isPresent() && entry.get().done()) {
            return again(entry.get(), runId);
        }
        JsonNode p = r.payload();
        OwnerRepository.Owner o = owners.register(migrationId, map.owners(), r.sourceId(),
                p.path("email").asText(null), p.path("name").asText(null));
        long userId = o.resolved() ? o.pipedriveUserId() : owners.awaitOwner(migrationId, map.owners(), r.sourceId());
        PipedriveAccount account = accounts.of(migrationId);
        RecordOutcome outcome = new RecordOutcome(r.sourceTable(), r.sourceId(), Outcome.UNCHANGED, "user",
                Long.toString(userId), null);
        ledger.done(migrationId, r.sourceTable(), r.sourceId(), r.object(), r.marker(), account.accountId(), "-",
                Long.toString(userId), "matched", null, Json.mapper().valueToTree(outcome), runId);
        return outcome;
    }

    /**
     * A tag: an option of the person Label field, found by name or added (idempotent by name), and when
     * the map creates leads a lead label of the same name in the tag's colour ({@link LeadLabels}).
     */
    private RecordOutcome label(String migrationId, String runId, DestinationConfig dest, RecordMapped r) {
        Optional<LedgerEntry> entry = ledger.find(migrationId, r.sourceTable(), r.sourceId(), r.object());
        if (entry.isPresent() && entry.get().done()) {
            return again(entry.get(), runId);
        }
        PipedriveAccount account = accounts.of(migrationId);
        String name = r.payload().path("name").asText();
        String fieldCode = dest.get(DestinationConfig.LABEL_FIELD, "person");
        if (fieldCode == null) {
            return failed(migrationId, account, r, "-", "NO_LABEL_FIELD", null,
                    "the account has no person Label field; the tag cannot become a label");
        }
        String id = dest.get(DestinationConfig.LABEL, "person=" + name);
        Outcome outcome = Outcome.MERGED;
        if (id == null && entry.isPresent() && entry.get().openIntent()) {
            id = labelOptionByName(account, fieldCode, name);
            outcome = Outcome.CREATED;
        }
        if (id == null) {
            ledger.intent(migrationId, r.sourceTable(), r.sourceId(), r.object(), r.marker(), account.accountId(), "-",
                    runId, r.mapVersion());
            ArrayNode body = F.arrayNode();
            body.addObject().put("label", name);
            JsonNode added = Envelopes.data(account.call("addPersonFieldOptions",
                    () -> account.v2().addFieldOptions("personFields", fieldCode, body)));
            id = added.path(0).path("id").asText();
            outcome = Outcome.CREATED;
        }
        destinations.record(dest, new DestinationObject(DestinationConfig.LABEL, "person=" + name, id,
                outcome == Outcome.CREATED, null));
        if (LeadLabels.wanted(dest.map())) {
            // person label options take no colour; the tag's colour lives on as its lead label's
            leadLabels.ensure(account, dest, r.sourceId(), name, r.payload().path("color").asText(null));
        }
        RecordOutcome result = new RecordOutcome(r.sourceTable(), r.sourceId(), outcome, "label", id, null);
        ledger.done(migrationId, r.sourceTable(), r.sourceId(), r.object(), r.marker(), account.accountId(), "-", id,
                outcome == Outcome.CREATED ? "created" : "matched", null, Json.mapper().valueToTree(result), runId);
        return result;
    }

    private static String labelOptionByName(PipedriveAccount account, String fieldCode, String name) {
        for (JsonNode f : Envelopes.allV2(c -> account.call("getPersonFields",
                () -> account.v2().listFields("personFields", c, Envelopes.MAX_PAGE)))) {
            if (fieldCode.equals(f.path("field_code").asText())) {
                for (JsonNode o : f.path("options")) {
                    if (name.equalsIgnoreCase(o.path("label").asText())) {
                        return o.path("id").asText();
                    }
                }
            }
        }
        return null;
    }

    private RecordOutcome failed(String migrationId, PipedriveAccount account, RecordMapped r, String hash, String code,
                                 Integer status, String message) {
        RecordOutcome outcome = new RecordOutcome(r.sourceTable(), r.sourceId(), Outcome.FAILED, r.object(), null,
                new RecordOutcome.Error(code, status, message));
        ledger.failed(migrationId, r.sourceTable(), r.sourceId(), r.object(), r.marker(), account.accountId(), hash,
                Json.mapper().valueToTree(outcome));
        LOG.infof("%s %s/%s failed: %s", r.object(), r.sourceTable(), r.sourceId(), message);
        return outcome;
    }

    /**
     * A done entry met again with the same request: the stored outcome within the run that wrote it (a
     * redelivery: the same event), UNCHANGED in any other run (a production run after a sample run, a
     * delta) — re-publishing CREATED there would claim a second creation.
     */
    private static RecordOutcome again(LedgerEntry entry, String runId) {
        if (java.util.Objects.equals(entry.runId(), runId)) {
            return stored(entry);
        }
        return new RecordOutcome(entry.sourceTable(), entry.sourceId(), Outcome.UNCHANGED, entry.object(),
                entry.pipedriveId(), null);
    }

    private static RecordOutcome stored(LedgerEntry entry) {
        if (entry.outcome() != null) {
            return Json.mapper().convertValue(entry.outcome(), RecordOutcome.class);
        }
        return new RecordOutcome(entry.sourceTable(), entry.sourceId(),
                "merged".equals(entry.how()) ? Outcome.MERGED : Outcome.CREATED, entry.object(), entry.pipedriveId(), null);
    }

    private static void union(ObjectNode patch, JsonNode existingEntity, String field) {
        JsonNode theirs = existingEntity.get(field);
        JsonNode ours = patch.get(field);
        if (theirs == null || !theirs.isArray() || theirs.isEmpty()) {
            return;
        }
        ArrayNode merged = F.arrayNode();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (JsonNode t : theirs) {
            ObjectNode copy = F.objectNode().put("value", t.path("value").asText());
            if (t.has("label")) {
                copy.put("label", t.path("label").asText());
            }
            copy.put("primary", t.path("primary").asBoolean(false));
            merged.add(copy);
            seen.add(t.path("value").asText().strip().toLowerCase());
        }
        if (ours != null) {
            for (Iterator<JsonNode> it = ours.elements(); it.hasNext(); ) {
                JsonNode o = it.next();
                if (seen.add(o.path("value").asText().strip().toLowerCase())) {
                    ObjectNode copy = ((ObjectNode) o).deepCopy();
                    copy.put("primary", false);
                    merged.add(copy);
                }
            }
        }
        patch.set(field, merged);
    }

    private static void unionIds(ObjectNode patch, JsonNode existingEntity, String field) {
        JsonNode theirs = existingEntity.get(field);
        if (theirs == null || !theirs.isArray() || theirs.isEmpty()) {
            return;
        }
        java.util.LinkedHashSet<Long> ids = new java.util.LinkedHashSet<>();
        theirs.forEach(t -> ids.add(t.asLong()));
        patch.path(field).forEach(o -> ids.add(o.asLong()));
        ArrayNode out = patch.putArray(field);
        ids.forEach(out::add);
    }

    static String sha256(JsonNode body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(body.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A create sent at {@code lastAttempt} without an answer may still run on Pipedrive's side: let it finish first. */
    private void awaitInFlight(Instant lastAttempt) {
        if (lastAttempt == null) {
            return;
        }
        long wait = lastAttempt.plus(inFlightGrace).toEpochMilli() - System.currentTimeMillis();
        if (wait > 0) {
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for an in-flight create", e);
            }
        }
    }
}

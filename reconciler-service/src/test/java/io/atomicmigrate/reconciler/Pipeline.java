package io.atomicmigrate.reconciler;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atomicmigrate.common.events.EventEnvelope;
import io.atomicmigrate.common.events.Phase;
import io.atomicmigrate.common.events.payload.MapApproved;
import io.atomicmigrate.common.events.payload.PhaseExtracted;
import io.atomicmigrate.common.events.payload.RecordExtracted;
import io.atomicmigrate.common.events.payload.RecordMapped;
import io.atomicmigrate.common.events.payload.RecordOutcome;
import io.atomicmigrate.common.events.payload.RecordRejected;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Events of one run as the extractor, mapper and loader publish them, built for tests. Like the
 * extractor, it keeps each phase's checksum of the rows it extracted for phase.extracted.
 */
public final class Pipeline {

    private final String migrationId;
    private final String runId;
    private final Map<Phase, Long> checksums = new java.util.concurrent.ConcurrentHashMap<>();

    public Pipeline(String migrationId, String runId) {
        this.migrationId = migrationId;
        this.runId = runId;
    }

    public String migrationId() {
        return migrationId;
    }

    public String runId() {
        return runId;
    }

    public static EventEnvelope<MapApproved> mapApproved(String migrationId, int version) {
        return EventEnvelope.of(migrationId, new MapApproved(version, "reviewer@acme.com", Instant.now(), "hash-" + version));
    }

    public static ObjectNode row(String id, String name) {
        return JsonNodeFactory.instance.objectNode().put("id", Long.parseLong(id)).put("name", name);
    }

    public EventEnvelope<RecordExtracted> extracted(Phase phase, String table, String id, ObjectNode row) {
        String hash = sha256(row.toString());
        checksums.merge(phase, Long.parseUnsignedLong(hash.substring(0, 16), 16), (a, b) -> a ^ b);
        return EventEnvelope.of(migrationId, runId, phase, new RecordExtracted(table, id, row, hash));
    }

    public EventEnvelope<RecordMapped> mapped(Phase phase, String table, String id, String object) {
        return EventEnvelope.of(migrationId, runId, phase, new RecordMapped(table, id, object, table + ":" + id,
                JsonNodeFactory.instance.objectNode().put("name", "x"), List.of(), List.of(), 1, table + ":" + id));
    }

    /** A delta run's deletion: no row, the hash the row had when last seen. */
    public EventEnvelope<RecordExtracted> deletedRow(Phase phase, String table, String id) {
        String hash = sha256(table + "/" + id + "/last-seen");
        checksums.merge(phase, Long.parseUnsignedLong(hash.substring(0, 16), 16), (a, b) -> a ^ b);
        return EventEnvelope.of(migrationId, runId, phase, new RecordExtracted(table, id, null, hash,
                RecordExtracted.Change.DELETED));
    }

    /** The mapper's SKIP verdict: no write in this phase, and why. */
    public EventEnvelope<RecordMapped> skipped(Phase phase, String table, String id, String object, String why) {
        String marker = table + ":" + id + ":" + object;
        return EventEnvelope.of(migrationId, runId, phase, new RecordMapped(table, id, object, marker,
                JsonNodeFactory.instance.objectNode(), List.of(), List.of(why), 1, marker, RecordMapped.Action.SKIP));
    }

    /** The mapper's DELETE of what a deleted source row produced. */
    public EventEnvelope<RecordMapped> delete(Phase phase, String table, String id, String object) {
        String marker = table + ":" + id;
        return EventEnvelope.of(migrationId, runId, phase, new RecordMapped(table, id, object, marker,
                JsonNodeFactory.instance.objectNode(), List.of(), List.of(), 1, marker, RecordMapped.Action.DELETE));
    }

    public EventEnvelope<RecordRejected> rejected(Phase phase, String table, String id, String code, String message,
                                                  ObjectNode row) {
        return EventEnvelope.of(migrationId, runId, phase, new RecordRejected(table, id,
                List.of(new RecordRejected.Reason("email_jsonb", code, message)), row, 1));
    }

    public EventEnvelope<RecordOutcome> outcome(Phase phase, String table, String id, String object,
                                                RecordOutcome.Outcome outcome) {
        RecordOutcome.Error error = outcome == RecordOutcome.Outcome.FAILED
                ? new RecordOutcome.Error("PIPEDRIVE_400", 400, "Bad request: field 'x' is invalid") : null;
        return EventEnvelope.of(migrationId, runId, phase, new RecordOutcome(table, id, outcome, object,
                outcome == RecordOutcome.Outcome.FAILED ? null : "9" + id, error));
    }

    public EventEnvelope<PhaseExtracted> phaseExtracted(Phase phase, String table, long rows) {
        return EventEnvelope.of(migrationId, runId, phase, new PhaseExtracted(rows, Map.of(table, rows),
                HexFormat.of().toHexDigits(checksums.getOrDefault(phase, 0L))));
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package io.atomicmigrate.reconciler.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.atomicmigrate.common.events.EventEnvelope;
import io.atomicmigrate.common.events.Phase;
import io.atomicmigrate.common.events.payload.PhaseExtracted;
import io.atomicmigrate.common.events.payload.RecordExtracted;
import io.atomicmigrate.common.json.Json;
import io.atomicmigrate.reconciler.messaging.ConductorEventPublisher;
import io.atomicmigrate.reconciler.repository.RecordLedgerRepository;
import io.atomicmigrate.reconciler.repository.RecordLedgerRepository.RetryCandidate;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts a phase of a RETRY run: re-publishes, on crm.records.extracted, the rows the original
 * run rejected or failed (kept in the ledger), then announces phase.extracted with their count
 * and checksum exactly as the extractor would. The mapper maps them with the run's (fixed) map
 * version and the loader's id ledger makes sure a record that did get created is not created
 * again. The extractor is not involved: the rows come from the original run's snapshot.
 */
@ApplicationScoped
public class RecordRetrier {

    private final RecordLedgerRepository ledger;
    private final ConductorEventPublisher publisher;

    public RecordRetrier(RecordLedgerRepository ledger, ConductorEventPublisher publisher) {
        this.ledger = ledger;
        this.publisher = publisher;
    }

    public Uni<Void> republish(Run retry, Phase phase) {
        return ledger.retryCandidates(retry.migrationId(), retry.rootRunId(), phase).chain(candidates -> {
            List<EventEnvelope<RecordExtracted>> events = new ArrayList<>();
            Map<String, Long> perTable = new LinkedHashMap<>();
            long checksum = 0;
            for (RetryCandidate c : candidates) {
                JsonNode row = Json.mapper().valueToTree(c.row().getMap());
                String hash = c.rowHash() != null ? c.rowHash() : sha256(row.toString());
                // the same id on every re-publication of this row in this retry run
                events.add(new EventEnvelope<>(ConductorEvents.id(retry.runId(), phase.name(), c.table(), c.sourceId()),
                        "record.extracted", retry.migrationId(), retry.runId(), phase, Instant.now(),
                        EventEnvelope.CURRENT_SCHEMA_VERSION, new RecordExtracted(c.table(), c.sourceId(), row, hash)));
                perTable.merge(c.table(), 1L, Long::sum);
                checksum ^= Long.parseUnsignedLong(hash.substring(0, 16), 16);
            }
            PhaseExtracted extracted = new PhaseExtracted(events.size(), perTable, HexFormat.of().toHexDigits(checksum));
            return publisher.records(events).chain(() -> publisher.lifecycle(ConductorEvents.envelope(
                    retry.migrationId(), retry.runId(), phase, "phase.extracted", extracted)));
        });
    }

    /** How many records of a phase a retry of {@code rootRunId} would re-request now. */
    public Uni<Integer> count(String migrationId, String rootRunId, Phase phase) {
        return ledger.retryCandidates(migrationId, rootRunId, phase).map(List::size);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}

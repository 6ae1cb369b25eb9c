package io.atomicmigrate.reconciler.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import io.atomicmigrate.common.events.EventEnvelope;
import io.atomicmigrate.common.events.payload.RecordExtracted;
import io.atomicmigrate.common.events.payload.RecordMapped;
import io.atomicmigrate.common.events.payload.RecordOutcome;
import io.atomicmigrate.common.events.payload.RecordRejected;
import io.atomicmigrate.common.json.EventCodec;
import io.atomicmigrate.reconciler.repository.RecordLedgerRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * The four record topics → the status ledger, a batch at a time. The offsets of a batch are
 * committed only after its upserts, and the upserts are keyed by the record, so a redelivered
 * batch leaves the ledger exactly as it was.
 *
 * <p>An event without a run or phase cannot belong to any gate; it is logged and left out (it
 * stays on its topic). A message that does not decode is logged with its offset, not guessed at:
 * the phase it belonged to then cannot balance and is reported STALLED, so nothing is lost quietly.
 */
@ApplicationScoped
public class RecordEventsConsumer {

    private static final Logger LOG = Logger.getLogger(RecordEventsConsumer.class);

    private final RecordLedgerRepository ledger;
    private final EventCodec codec = new EventCodec();

    public RecordEventsConsumer(RecordLedgerRepository ledger) {
        this.ledger = ledger;
    }

    @Incoming("records-extracted")
    public Uni<Void> extracted(ConsumerRecords<String, byte[]> batch) {
        return stored(() -> ledger.extracted(tuples(batch, RecordExtracted.class, e -> {
            RecordExtracted r = e.payload();
            return key(e, r.table(), r.sourceId()).addValue(r.rowHash()).addValue(r.change() == null ? null
                    : r.change().name()).addValue(object(r.row()));
        })));
    }

    @Incoming("records-mapped")
    public Uni<Void> mapped(ConsumerRecords<String, byte[]> batch) {
        return stored(() -> ledger.mapped(tuples(batch, RecordMapped.class, e -> {
            RecordMapped m = e.payload();
            String[] references = m.references() == null ? new String[0]
                    : m.references().stream().map(RecordMapped.Reference::field).filter(java.util.Objects::nonNull)
                    .toArray(String[]::new);
            // what was sent is kept for verification, which reads the record back and compares
            JsonArray targets = new JsonArray();
            if (m.references() != null) {
                m.references().forEach(r -> targets.add(new JsonObject().put("field", r.field()).put("table", r.table())
                        .put("sourceId", r.sourceId())));
            }
            // a SKIP is the mapper's verdict that the row makes no write here (warnings[0] says why):
            // counted as skipped, no outcome expected; UPSERT and DELETE wait for the loader's outcome
            boolean skip = m.action() == RecordMapped.Action.SKIP;
            JsonArray reasons = null;
            if (skip) {
                String why = m.warnings() == null || m.warnings().isEmpty() ? "the mapper gave no reason"
                        : m.warnings().get(0);
                reasons = new JsonArray().add(new JsonObject().putNull("field").put("code", "SKIP").put("message", why));
            }
            return key(e, m.sourceTable(), m.sourceId()).addValue(m.object()).addValue(object(m.payload()))
                    .addArrayOfString(references).addValue(targets).addValue(skip ? "SKIPPED" : "MAPPED")
                    .addValue(reasons);
        })));
    }

    @Incoming("records-rejected")
    public Uni<Void> rejected(ConsumerRecords<String, byte[]> batch) {
        return stored(() -> ledger.rejected(tuples(batch, RecordRejected.class, e -> {
            RecordRejected r = e.payload();
            JsonArray reasons = new JsonArray();
            List<String> codes = new ArrayList<>();
            for (RecordRejected.Reason reason : r.reasons() == null ? List.<RecordRejected.Reason>of() : r.reasons()) {
                reasons.add(new JsonObject().put("field", reason.field()).put("code", reason.code())
                        .put("message", reason.message()));
                codes.add(reason.code() == null ? "UNKNOWN" : reason.code());
            }
            if (codes.isEmpty()) {
                codes.add("UNKNOWN"); // a rejection without reasons is still a rejection, and says so
            }
            return key(e, r.table(), r.sourceId()).addValue(reasons).addArrayOfString(codes.toArray(new String[0]))
                    .addValue(object(r.originalRow()));
        })));
    }

    @Incoming("records-outcomes")
    public Uni<Void> outcomes(ConsumerRecords<String, byte[]> batch) {
        return stored(() -> ledger.outcome(tuples(batch, RecordOutcome.class, e -> {
            RecordOutcome o = e.payload();
            RecordOutcome.Error error = o.error();
            return key(e, o.table(), o.sourceId()).addValue(o.outcome().name()).addValue(o.object())
                    .addValue(o.pipedriveId()).addValue(error == null ? null : error.code())
                    .addValue(error == null ? null : error.httpStatus())
                    .addValue(error == null ? null : error.message());
        })));
    }

    /**
     * Stores a batch, trying again with backoff when the database is briefly unavailable: a batch
     * given up on goes to the dead-letter topic, and its phase could then never balance.
     */
    private static Uni<Void> stored(java.util.function.Supplier<Uni<Void>> write) {
        return Uni.createFrom().<Void>deferred(write::get).onFailure().retry()
                .withBackOff(java.time.Duration.ofMillis(200), java.time.Duration.ofSeconds(5)).atMost(8);
    }

    private <P extends io.atomicmigrate.common.events.EventPayload> List<Tuple> tuples(
            ConsumerRecords<String, byte[]> batch, Class<P> type, Function<EventEnvelope<P>, Tuple> toTuple) {
        List<Tuple> tuples = new ArrayList<>(batch.count());
        for (ConsumerRecord<String, byte[]> record : batch) {
            EventEnvelope<P> event;
            try {
                event = codec.decode(record.value(), type);
            } catch (RuntimeException e) {
                LOG.errorf("%s-%d@%d does not decode as %s and is not counted: %s", record.topic(), record.partition(),
                        record.offset(), type.getSimpleName(), e.getMessage());
                continue;
            }
            if (event.runId() == null || event.phase() == null) {
                LOG.warnf("%s %s of migration %s has no run or phase; no phase can count it", event.type(), event.id(),
                        event.migrationId());
                continue;
            }
            tuples.add(toTuple.apply(event));
        }
        return tuples;
    }

    /** migration, run, phase, table, source id, occurredAt: the first six parameters of every upsert. */
    private static Tuple key(EventEnvelope<?> e, String table, String sourceId) {
        return Tuple.tuple().addValue(e.migrationId()).addValue(e.runId()).addValue(e.phase().name()).addValue(table)
                .addValue(sourceId).addValue(e.occurredAt().atOffset(ZoneOffset.UTC));
    }

    private static JsonObject object(JsonNode row) {
        return row != null && row.isObject() ? new JsonObject(row.toString()) : null;
    }
}

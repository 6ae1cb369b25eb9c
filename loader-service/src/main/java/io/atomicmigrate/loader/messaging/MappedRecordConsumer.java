package io.atomicmigrate.loader.messaging;

import io.atomicmigrate.common.events.EventEnvelope;
import io.atomicmigrate.common.events.payload.RecordMapped;
import io.atomicmigrate.common.events.payload.RecordOutcome;
import io.atomicmigrate.common.json.EventCodec;
import io.atomicmigrate.loader.config.LoaderConfig;
import io.atomicmigrate.loader.service.CurrentWrite;
import io.atomicmigrate.loader.service.RecordWriter;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * crm.records.mapped → Pipedrive → crm.records.outcomes. Records are written concurrently on the
 * {@code loader-writes} worker pool (the shared budget, not this pool, decides the rate), except
 * that records with the same key (same e-mail, same organization name) are written one after the
 * other: the key sends them to the same partition and this lock to the same moment.
 *
 * <p>A record is acknowledged only after its outcome is on the topic. While Pipedrive is down, the
 * budget is spent or an owner is unresolved, the record waits here (the connector pauses the
 * partition instead of letting the consumer leave the group): it is never skipped.
 */
@ApplicationScoped
public class MappedRecordConsumer {

    private static final Logger LOG = Logger.getLogger(MappedRecordConsumer.class);
    private static final int STRIPES = 256;

    private final RecordWriter writer;
    private final EventPublisher publisher;
    private final Duration maxBackoff;
    private final EventCodec codec = new EventCodec();
    private final ReentrantLock[] keyLocks = new ReentrantLock[STRIPES];

    public MappedRecordConsumer(RecordWriter writer, EventPublisher publisher, LoaderConfig config) {
        this.writer = writer;
        this.publisher = publisher;
        this.maxBackoff = config.writes().maxBackoff();
        for (int i = 0; i < STRIPES; i++) {
            keyLocks[i] = new ReentrantLock();
        }
    }

    @Incoming("records-mapped")
    @Blocking(value = "loader-writes", ordered = false)
    public void consume(ConsumerRecord<String, byte[]> record) {
        EventEnvelope<RecordMapped> event = codec.decode(record.value(), RecordMapped.class); // unreadable → dead letters
        ReentrantLock lock = keyLocks[Math.floorMod(record.key() == null ? 0 : record.key().hashCode(), STRIPES)];
        lock.lock();
        try {
            // the shared budget learns which migration (run, phase) its calls are for: budget.state goes to each
            RecordOutcome outcome = CurrentWrite.during(
                    new CurrentWrite.Write(event.migrationId(), event.runId(), event.phase()), () -> writeUntilDone(event));
            if (outcome != null) {
                publisher.outcome(outcomeEvent(event, outcome));
            }
        } finally {
            lock.unlock();
        }
    }

    private RecordOutcome writeUntilDone(EventEnvelope<RecordMapped> event) {
        long backoff = 500;
        while (true) {
            try {
                return writer.write(event.migrationId(), event.runId(), event.payload());
            } catch (RuntimeException e) {
                if (Thread.currentThread().isInterrupted()) {
                    throw e;
                }
                RecordMapped r = event.payload();
                LOG.warnf("%s %s/%s not written yet, trying again in %d ms: %s", r.object(), r.sourceTable(),
                        r.sourceId(), backoff, e.getMessage());
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted; the record will be redelivered", ie);
                }
                backoff = Math.min(backoff * 2, maxBackoff.toMillis());
            }
        }
    }

    /** The outcome's event id is derived from the record and the result: a re-publication is the same event. */
    static EventEnvelope<RecordOutcome> outcomeEvent(EventEnvelope<RecordMapped> source, RecordOutcome outcome) {
        String identity = source.migrationId() + "/" + outcome.table() + "/" + outcome.sourceId() + "/" + outcome.object()
                + "/" + outcome.outcome() + "/" + outcome.pipedriveId() + "/" + source.runId();
        return new EventEnvelope<>(UUID.nameUUIDFromBytes(identity.getBytes(StandardCharsets.UTF_8)), "record.outcome",
                source.migrationId(), source.runId(), source.phase(), Instant.now(), EventEnvelope.CURRENT_SCHEMA_VERSION,
                outcome);
    }
}

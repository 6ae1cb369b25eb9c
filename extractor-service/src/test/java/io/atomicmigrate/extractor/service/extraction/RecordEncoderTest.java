package io.atomicmigrate.extractor.service.extraction;

import static org.assertj.core.api.Assertions.assertThat;

import io.atomicmigrate.common.events.EventEnvelope;
import io.atomicmigrate.common.events.EventKeys;
import io.atomicmigrate.common.events.Phase;
import io.atomicmigrate.common.events.payload.RecordExtracted;
import io.atomicmigrate.common.json.EventCodec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The hand-written envelope must be exactly what common's codec writes, so consumers see no change. */
class RecordEncoderTest {

    private final RecordEncoder encoder = new RecordEncoder();
    private final EventCodec codec = new EventCodec();
    private final RowCanonicalizer canonicalizer = new RowCanonicalizer();

    @Test
    void rowsCarriedAsCanonicalBytesEncodeAsTheCodecDoes() {
        CanonicalRow row = canonicalizer.canonical("contacts", 42, """
                {"id": 42, "first_name": "Zoë \\"Z\\" <b>", "note": "line\\nbreak\\ttab\\u0001", "amount": 12.50,
                 "email_jsonb": [{"type": "Work", "email": "z@example.com"}], "tags": [], "big": 9007199254740993}""");
        for (RecordExtracted.Change change : new RecordExtracted.Change[] {null, RecordExtracted.Change.NEW,
                RecordExtracted.Change.CHANGED}) {
            assertSameAsCodec(event("run-1", Phase.PERSONS, new RecordExtracted(row.table(), row.sourceId(), row.row(),
                    row.hash(), change)));
        }
        assertSameAsCodec(event(null, null, new RecordExtracted(row.table(), row.sourceId(), row.row(), row.hash())));
    }

    @Test
    void rowsWithEmojiAndDeletionsGoThroughTheCodec() {
        CanonicalRow emoji = canonicalizer.canonical("contacts", 7, "{\"id\": 7, \"first_name\": \"Ann 😀\"}");
        assertSameAsCodec(event("run-1", Phase.PERSONS, new RecordExtracted(emoji.table(), emoji.sourceId(),
                emoji.row(), emoji.hash())));
        assertThat(new String(encoder.encode(event("run-1", Phase.PERSONS, new RecordExtracted(emoji.table(),
                emoji.sourceId(), emoji.row(), emoji.hash()))).value(), StandardCharsets.UTF_8)).contains("Ann 😀");
        assertSameAsCodec(event("run-1", Phase.PERSONS, new RecordExtracted("contacts", "8", null, "ab".repeat(32),
                RecordExtracted.Change.DELETED)));
    }

    @Test
    void theEncodedEventDecodesToTheSameRecord() {
        CanonicalRow row = canonicalizer.canonical("deals", 3, "{\"id\": 3, \"amount\": 1.10, \"stage\": \"won\"}");
        EventEnvelope<RecordExtracted> event = event("run-2", Phase.DEALS, new RecordExtracted(row.table(),
                row.sourceId(), row.row(), row.hash()));
        EventEnvelope<RecordExtracted> decoded = codec.decode(encoder.encode(event).value(), RecordExtracted.class);
        assertThat(decoded.id()).isEqualTo(event.id());
        assertThat(decoded.occurredAt()).isEqualTo(event.occurredAt());
        assertThat(decoded.payload().rowHash()).isEqualTo(row.hash());
        // (the codec reads 1.10 as 1.1: a consumer verifying hashes parses numbers exactly, see the README)
        assertThat(decoded.payload().row())
                .isEqualTo(codec.decode(codec.encode(event), RecordExtracted.class).payload().row());
    }

    private void assertSameAsCodec(EventEnvelope<RecordExtracted> event) {
        OutgoingRecord encoded = encoder.encode(event);
        assertThat(encoded.key()).isEqualTo(EventKeys.of(event));
        assertThat(new String(encoded.value(), StandardCharsets.UTF_8))
                .isEqualTo(new String(codec.encode(event), StandardCharsets.UTF_8));
    }

    private static EventEnvelope<RecordExtracted> event(String runId, Phase phase, RecordExtracted payload) {
        // nanoseconds and a whole second: both forms of ISO_INSTANT
        return new EventEnvelope<>(UUID.randomUUID(), "record.extracted", "mig-1", runId, phase,
                Instant.parse(runId == null ? "2026-01-01T00:00:00Z" : "2026-11-22T05:36:54.123456789Z"), 1, payload);
    }
}

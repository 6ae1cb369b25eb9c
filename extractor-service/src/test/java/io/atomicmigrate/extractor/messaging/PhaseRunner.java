package io.atomicmigrate.extractor.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.atomicmigrate.common.events.EventEnvelope;
import io.atomicmigrate.common.events.Phase;
import io.atomicmigrate.common.events.payload.MigrationFailed;
import io.atomicmigrate.common.events.payload.PhaseExtracted;
import io.atomicmigrate.common.events.payload.PhaseStarted;
import io.atomicmigrate.common.events.payload.RunStarted;
import io.atomicmigrate.extractor.TestSupport;
import io.atomicmigrate.extractor.TestSupport.TopicReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Plays the conductor for a test: announces a run, starts its phases one after the other (each
 * after the previous one's {@code phase.extracted}, as the reconciler gates them) and collects
 * what the extractor published.
 */
final class PhaseRunner {

    /** Numbers exactly as written: the hash is over {@code 12.50}, not {@code 12.5}. */
    static final ObjectMapper EXACT = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true)).build();

    /** One extracted record as received, with its Kafka key. */
    record Received(String key, String table, String sourceId, JsonNode row, String rowHash, String change) {
    }

    record PhaseResult(PhaseExtracted extracted, List<Received> records) {
    }

    static Map<Phase, PhaseResult> run(String migrationId, String runId, RunStarted.RunKind kind, int sampleSize,
                                       List<Phase> phases, Consumer<Phase> afterPhase) {
        Map<Phase, PhaseResult> results = new EnumMap<>(Phase.class);
        try (TopicReader lifecycle = TopicReader.lifecycle(migrationId);
             TopicReader records = TopicReader.records(migrationId)) {
            TestSupport.publish(EventEnvelope.of(migrationId, runId, null, new RunStarted(kind, 1, phases, sampleSize)));
            for (Phase phase : phases) {
                TestSupport.publish(EventEnvelope.of(migrationId, runId, phase, new PhaseStarted(phase.sourceTables())));
                List<ConsumerRecord<String, byte[]>> events = lifecycle.await(rs -> rs.stream()
                        .map(r -> TestSupport.CODEC.decode(r.value()))
                        .anyMatch(e -> isEnd(e, runId, phase)), Duration.ofSeconds(60));
                EventEnvelope<?> done = events.stream().map(r -> TestSupport.CODEC.decode(r.value()))
                        .filter(e -> isEnd(e, runId, phase)).findFirst().orElseThrow();
                if (done.payload() instanceof MigrationFailed failed) {
                    throw new AssertionError("phase " + phase + " failed: " + failed.message());
                }
                PhaseExtracted extracted = (PhaseExtracted) done.payload();
                List<ConsumerRecord<String, byte[]>> received = records.await(
                        rs -> ofRun(rs, runId, phase).size() >= extracted.rowCount(), Duration.ofSeconds(60));
                results.put(phase, new PhaseResult(extracted, ofRun(received, runId, phase)));
                if (afterPhase != null) {
                    afterPhase.accept(phase);
                }
            }
        }
        return results;
    }

    private static boolean isEnd(EventEnvelope<?> e, String runId, Phase phase) {
        return runId.equals(e.runId()) && phase == e.phase()
                && (e.payload() instanceof PhaseExtracted || e.payload() instanceof MigrationFailed);
    }

    static List<Received> ofRun(List<ConsumerRecord<String, byte[]>> rs, String runId, Phase phase) {
        List<Received> out = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : rs) {
            try {
                JsonNode envelope = EXACT.readTree(r.value());
                if (!runId.equals(envelope.path("runId").asText()) || !phase.name().equals(envelope.path("phase").asText())) {
                    continue;
                }
                JsonNode p = envelope.get("payload");
                out.add(new Received(r.key(), p.get("table").asText(), p.get("sourceId").asText(), p.get("row"),
                        p.get("rowHash").asText(), p.has("change") ? p.get("change").asText() : null));
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
        }
        assertThat(out).allSatisfy(x -> assertThat(x.key()).endsWith("/" + x.table() + "/" + x.sourceId()));
        return out;
    }

    private PhaseRunner() {
    }
}

package io.atomicmigrate.mapper.bench;

import io.atomicmigrate.common.events.Phase;
import io.atomicmigrate.common.events.payload.RecordExtracted;
import io.atomicmigrate.common.map.MigrationMap;
import io.atomicmigrate.mapper.FixtureDatabase;
import io.atomicmigrate.mapper.service.proposal.MapProposer;
import io.atomicmigrate.mapper.service.transform.KnownSourceIds;
import io.atomicmigrate.mapper.service.transform.MapLookups;
import io.atomicmigrate.mapper.service.transform.RecordTransformer;
import io.atomicmigrate.mapper.service.transform.TransformOutcome;
import io.atomicmigrate.mapper.service.transform.TransformRun;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Not a test: how many contact rows one core turns into Pipedrive person payloads per second.
 * Real fixture rows (all dirty-data quirks, all custom columns, so every line of the proposed map
 * runs), one thread, after a warm-up. Run it with
 * {@code ./mvnw -B -pl mapper-service test-compile} and then
 * {@code java -cp "$(cat mapper-service/target/bench.classpath):mapper-service/target/classes:mapper-service/target/test-classes" io.atomicmigrate.mapper.bench.TransformBench}
 * (the class path file comes from {@code dependency:build-classpath -Dmdep.outputFile=target/bench.classpath}).
 */
public final class TransformBench {

    private TransformBench() {
    }

    public static void main(String[] args) {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        FixtureDatabase db = FixtureDatabase.get();
        MigrationMap map = new MapProposer().propose("bench", db.discovered(), db.profiles());
        Set<String> tags = new HashSet<>();
        db.rows("tags").forEach(t -> tags.add(t.get("id").asText()));
        Set<String> sales = new HashSet<>();
        db.rows("sales").forEach(t -> sales.add(t.get("id").asText()));
        KnownSourceIds known = (table, id) -> table.equals("tags") ? tags.contains(id)
                : table.equals("sales") ? sales.contains(id) : null;
        TransformRun run = new TransformRun(1, new MapLookups(map), known);
        List<RecordExtracted> rows = db.rows("contacts").stream().map(r -> FixtureDatabase.extracted("contacts", r)).toList();
        RecordTransformer transformer = new RecordTransformer();

        System.out.printf("%d contact rows, %d lines in the contacts map; warming up…%n", rows.size(),
                map.object("contacts").fields().size());
        measure(transformer, run, rows, 5);
        double perSecond = measure(transformer, run, rows, seconds);
        System.out.printf("contacts → persons: %,.0f records per CPU-second of one thread (%d s, %s, %d cores)%n",
                perSecond, seconds, System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors());
        // the same with the wire work the consumer adds: decode the extracted event, encode the output event
        io.atomicmigrate.common.json.EventCodec codec = new io.atomicmigrate.common.json.EventCodec();
        List<byte[]> wire = rows.stream().map(r -> codec.encode(io.atomicmigrate.common.events.EventEnvelope.of("bench",
                "run", Phase.PERSONS, r))).toList();
        measureWire(transformer, run, wire, codec, 5);
        double wirePerSecond = measureWire(transformer, run, wire, codec, seconds);
        System.out.printf("contacts → persons incl. JSON decode/encode of the events: %,.0f records per CPU-second%n",
                wirePerSecond);
        System.exit(0);
    }

    private static double measureWire(RecordTransformer transformer, TransformRun run, List<byte[]> wire,
                                      io.atomicmigrate.common.json.EventCodec codec, int seconds) {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        long start = cpuNanos();
        long count = 0;
        long bytes = 0;
        while (System.nanoTime() < end) {
            for (byte[] message : wire) {
                var event = codec.decode(message, RecordExtracted.class);
                TransformOutcome outcome = transformer.transform(event.payload(), event.phase(), run);
                Object out = outcome.isRejected() ? outcome.rejected() : outcome.mapped().get(0);
                bytes += codec.encode(io.atomicmigrate.common.events.EventEnvelope.of(event.migrationId(), event.runId(),
                        event.phase(), (io.atomicmigrate.common.events.EventPayload) out)).length;
                count++;
            }
        }
        if (bytes == 42) {
            System.out.println();
        }
        return count / ((cpuNanos() - start) / 1e9);
    }

    private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();

    /** CPU time of this thread: per-core throughput stays meaningful when other processes share the machine. */
    private static long cpuNanos() {
        return CPU.getCurrentThreadCpuTime();
    }

    private static double measure(RecordTransformer transformer, TransformRun run, List<RecordExtracted> rows, int seconds) {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        long start = cpuNanos();
        long count = 0;
        long sink = 0;
        while (System.nanoTime() < end) {
            for (RecordExtracted row : rows) {
                TransformOutcome outcome = transformer.transform(row, Phase.PERSONS, run);
                sink += outcome.isRejected() ? 1 : outcome.mapped().get(0).payload().size();
                count++;
            }
        }
        double elapsed = (cpuNanos() - start) / 1e9;
        if (sink == 42) {
            System.out.println(); // keeps the results alive for the JIT
        }
        return count / elapsed;
    }

}

package io.atomicmigrate.extractor.bench;

import io.atomicmigrate.common.events.Phase;
import io.atomicmigrate.common.events.payload.RunStarted.RunKind;
import io.atomicmigrate.common.topics.Topics;
import io.atomicmigrate.extractor.repository.RowHashRepository;
import io.atomicmigrate.extractor.repository.RunRepository;
import io.atomicmigrate.extractor.service.extraction.OutgoingRecord;
import io.atomicmigrate.extractor.service.extraction.PhaseChecksum;
import io.atomicmigrate.extractor.service.extraction.RecordEncoder;
import io.atomicmigrate.extractor.service.extraction.RecordSink;
import io.atomicmigrate.extractor.service.extraction.RowCanonicalizer;
import io.atomicmigrate.extractor.service.extraction.TablePublisher;
import io.atomicmigrate.extractor.service.extraction.TableRead;
import io.atomicmigrate.extractor.service.extraction.TableStreamer;
import io.atomicmigrate.fixture.AtomicCrmFixture;
import io.atomicmigrate.fixture.FixtureOptions;
import io.atomicmigrate.localstack.LocalPostgres;
import io.atomicmigrate.localstack.LocalStack;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgConnection;
import io.vertx.mutiny.pgclient.PgPool;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.flywaydb.core.Flyway;
import org.postgresql.PGConnection;

/**
 * Not a test: extracts N contacts (default 1,000,000) into the real {@code crm.records.extracted}
 * topic with the extractor's own streaming code (keyset pages through the Vert.x client in a
 * repeatable-read read-only transaction, canonical JSON, SHA-256, the row hashes remembered in a
 * control database as a production run does, envelopes, Kafka with acks=all), and measures {@code COPY contacts TO STDOUT} on the same table in the same run. Prints rows/s,
 * the ratio, and the peak heap. See the extractor README for the command.
 *
 * <p>Arguments: {@code [rows] [pageSize]}. Uses {@code LOCAL_STACK_KAFKA_BOOTSTRAP} /
 * {@code LOCAL_STACK_POSTGRES_URL} when set (run the stack in another JVM so the heap figure is the
 * extractor's alone), otherwise starts the broker and Postgres in this JVM.
 */
public final class ExtractionBench {

    private static final String DB = "bench_extract";
    private static final String CONTROL_DB = "bench_control";
    /** {@code -Dbench.compression}: the producer's compression (the service's channel uses lz4). */
    private static final String COMPRESSION = System.getProperty("bench.compression", "lz4");
    /** {@code -Dbench.pagesAhead}: pages read ahead of the one being published. */
    private static final int PAGES_AHEAD = Integer.getInteger("bench.pagesAhead", 2);
    /** {@code -Dbench.pagesInFlight}: pages whose acks may be awaited while the next is published (service: 2). */
    private static final int PAGES_IN_FLIGHT = Integer.getInteger("bench.pagesInFlight", 2);
    /** {@code -Dbench.lingerMs}: the producer's linger (the service's channel: 5). */
    private static final String LINGER_MS = System.getProperty("bench.lingerMs", "5");

    /** {@code -Dbench.batchSize}: the producer's batch size in bytes (the service's channel: 262144). */
    private static final String BATCH_SIZE = System.getProperty("bench.batchSize", "262144");

    /** Held: java.util.logging keeps loggers weakly. The service sets org.apache.kafka to WARN too. */
    private static final java.util.logging.Logger KAFKA_LOG = java.util.logging.Logger.getLogger("org.apache.kafka");

    public static void main(String[] args) throws Exception {
        // without a logging config the producer formats a TRACE message per record (measured: ~3% of the CPU)
        KAFKA_LOG.setLevel(java.util.logging.Level.WARNING);
        long rows = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000L;
        int pageSize = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        // "read-only": stream and canonicalise without Kafka, to see which side costs what
        boolean toKafka = args.length <= 2 || !"read-only".equals(args[2]);
        LocalStack stack = LocalStack.shared();
        LocalPostgres pg = stack.postgres();
        boolean inProcess = stack.kafka().isEmbedded() || pg.isEmbedded();

        long t0 = System.nanoTime();
        if (Boolean.getBoolean("bench.reuse") && existingRows(pg) == rows) {
            System.out.printf(Locale.ROOT, "reusing the %,d contacts of %s%n", rows, DB);
        } else {
            prepare(pg, rows);
        }
        System.out.printf(Locale.ROOT, "prepared %,d contacts in %.1f s (stack %s)%n", rows,
                (System.nanoTime() - t0) / 1e9, inProcess ? "in this JVM" : "external");

        double copyBefore = copySeconds(pg);
        System.gc();
        resetPeaks();
        long heapBefore = heapUsed();
        HeapSampler sampler = new HeapSampler();
        sampler.start();
        long cpu0 = processCpuNanos();
        long wall0 = System.currentTimeMillis();
        long t1 = System.nanoTime();
        long[] extracted = extract(pg, pageSize, toKafka);
        double extractSeconds = (System.nanoTime() - t1) / 1e9;
        double cpuSeconds = (processCpuNanos() - cpu0) / 1e9;
        long wall1 = System.currentTimeMillis();
        sampler.stop = true;
        sampler.join();
        long peakPools = peakHeapPools();
        double copyAfter = copySeconds(pg);
        double copy = Math.min(copyBefore, copyAfter);

        System.out.printf(Locale.ROOT, "%nrows extracted           : %,d (checksum %s)%n", extracted[0],
                Long.toHexString(extracted[1]));
        System.out.printf(Locale.ROOT, "extraction %-13s : %.2f s = %,.0f rows/s (page size %d, %d pages ahead,"
                + " %d in flight, compression %s, linger %s ms, batch %s)%n", toKafka ? "to Kafka" : "(no Kafka)",
                extractSeconds, extracted[0] / extractSeconds, pageSize, PAGES_AHEAD, PAGES_IN_FLIGHT, COMPRESSION,
                LINGER_MS, BATCH_SIZE);
        System.out.printf(Locale.ROOT, "extractor CPU            : %.1f s (%.0f%% of one core)%n", cpuSeconds,
                100 * cpuSeconds / extractSeconds);
        System.out.printf(Locale.ROOT, "COPY contacts TO STDOUT  : %.2f s = %,.0f rows/s (best of before %.2f s / after %.2f s)%n",
                copy, rows / copy, copyBefore, copyAfter);
        System.out.printf(Locale.ROOT, "ratio extraction / COPY  : %.2fx%n", extractSeconds / copy);
        System.out.printf(Locale.ROOT, "heap before extraction   : %,d MiB; sampled peak during: %,d MiB; pool peaks: %,d MiB;"
                + " max heap %,d MiB%n", heapBefore >> 20, sampler.peak >> 20, peakPools >> 20,
                Runtime.getRuntime().maxMemory() >> 20);
        // to attribute the other processes' CPU (Postgres, the broker) to the extraction from outside
        System.out.printf(Locale.ROOT, "extraction window (epoch ms): %d %d%n", wall0, wall1);
        System.out.println(inProcess ? "note: broker and/or Postgres ran in this JVM; the heap figures include them"
                : "note: broker and Postgres ran outside this JVM");
        System.exit(0);
    }

    private static long existingRows(LocalPostgres pg) {
        try (Connection c = pg.connect(DB); Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery("SELECT count(*) FROM contacts")) {
            rs.next();
            return rs.getLong(1);
        } catch (java.sql.SQLException e) {
            return -1; // no such database yet
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static void prepare(LocalPostgres pg, long rows) throws Exception {
        AtomicCrmFixture.createAndLoad(pg, DB, FixtureOptions.builder().build());
        try (Connection c = pg.connect(DB); Statement s = c.createStatement()) {
            s.execute("SET session_replication_role = replica"); // no triggers: this is bulk test data
            s.execute("TRUNCATE contacts CASCADE");
            s.execute("""
                    INSERT INTO contacts (id, first_name, last_name, gender, title, background, avatar, first_seen,
                        last_seen, has_newsletter, status, tags, company_id, sales_id, linkedin_url, email_jsonb, phone_jsonb)
                    SELECT g, 'First' || g, 'Last name ' || (g % 977), (ARRAY['male','female','nonbinary'])[1 + g % 3],
                        'Senior account manager', 'Met at the trade fair in spring; interested in the premium plan ' || g,
                        jsonb_build_object('src', 'https://marmelab.com/posters/avatar-' || (g % 100) || '.jpeg'),
                        timestamptz '2024-01-01 09:00:00+00' + g * interval '37 seconds',
                        timestamptz '2025-06-01 12:00:00+00' + g * interval '11 seconds', g % 3 = 0,
                        (ARRAY['cold','warm','hot','in-contract'])[1 + g % 4],
                        CASE WHEN g % 2 = 0 THEN ARRAY[1, 2]::bigint[] ELSE '{}'::bigint[] END,
                        1 + g % 55, 1 + g % 6, 'https://www.linkedin.com/in/person-' || g,
                        jsonb_build_array(jsonb_build_object('email', 'person' || g || '@example.com', 'type', 'Work')),
                        jsonb_build_array(jsonb_build_object('number', '+1 415 555 ' || lpad((g % 10000)::text, 4, '0'),
                            'type', 'Work'), jsonb_build_object('number', '+33 1 23 45 67 89', 'type', 'Home'))
                    FROM generate_series(1, ROWS) AS g""".replace("ROWS", Long.toString(rows)));
            s.execute("SET session_replication_role = origin");
            s.execute("VACUUM ANALYZE contacts");
        }
    }

    /**
     * The extractor's streaming path for one table of a production run: {@link TableStreamer} reads and
     * canonicalises, {@link TablePublisher} remembers the row hashes in a control database (the
     * service's {@link RowHashRepository}, schema by the service's own Flyway migrations), encodes the
     * events and keeps the checksum, and a plain producer configured like the service's channel sends them.
     */
    private static long[] extract(LocalPostgres pg, int pageSize, boolean toKafka) {
        Vertx vertx = Vertx.vertx();
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalStack.shared().kafka().bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.LINGER_MS_CONFIG, LINGER_MS);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, BATCH_SIZE);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, COMPRESSION);
        RunRepository.Run run = new RunRepository.Run("run-bench", "mig-bench-" + System.currentTimeMillis(),
                RunKind.PRODUCTION, 0, List.of());
        PhaseChecksum checksum = new PhaseChecksum();
        Pool control = controlPool(vertx, pg);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(),
                new ByteArraySerializer())) {
            RecordSink sink = toKafka ? page -> send(producer, page) : page -> Uni.createFrom().voidItem();
            TablePublisher publisher = new TablePublisher(run, Phase.PERSONS, "contacts", checksum,
                    new RowHashRepository(control), sink, new RecordEncoder(), pageSize);
            TableStreamer streamer = new TableStreamer(new RowCanonicalizer(), pageSize, PAGES_AHEAD, PAGES_IN_FLIGHT);
            PgConnectOptions options = new PgConnectOptions().setHost(pg.host()).setPort(pg.port()).setDatabase(DB)
                    .setUser(pg.user()).setPassword(pg.password()).addProperty("TimeZone", "UTC")
                    .addProperty("default_transaction_read_only", "on");
            Long total = PgConnection.connect(vertx, options)
                    .chain(conn -> conn.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY").execute()
                            .chain(() -> streamer.stream(conn, new TableRead("contacts", "public.\"contacts\"", "", ""),
                                    publisher::page))
                            .call(publisher::finish)
                            .call(() -> conn.query("COMMIT").execute())
                            .eventually(conn::close))
                    .await().indefinitely();
            long remembered = control.query("SELECT count(*) FROM extractor.row_hashes").execute()
                    .await().indefinitely().iterator().next().getLong(0);
            System.out.printf(Locale.ROOT, "row hashes remembered    : %,d%n", remembered);
            return new long[] {total, Long.parseUnsignedLong(checksum.hex(), 16)};
        } finally {
            control.closeAndAwait();
            vertx.closeAndAwait();
        }
    }

    /** A fresh control database with the extractor's schema, as a production run's first extraction finds it. */
    private static Pool controlPool(Vertx vertx, LocalPostgres pg) {
        pg.createDatabase(CONTROL_DB);
        Flyway.configure().dataSource(pg.jdbcUrl(CONTROL_DB), pg.user(), pg.password()).schemas("extractor")
                .locations("classpath:db/migration").load().migrate();
        PgConnectOptions options = new PgConnectOptions().setHost(pg.host()).setPort(pg.port())
                .setDatabase(CONTROL_DB).setUser(pg.user()).setPassword(pg.password());
        return PgPool.pool(vertx, options, new PoolOptions().setMaxSize(8)); // the service's reactive max-size
    }

    /** What the service's channel does with a page: send every record, complete when all are acked. */
    private static Uni<Void> send(KafkaProducer<String, byte[]> producer, List<OutgoingRecord> page) {
        CompletableFuture<?>[] acks = new CompletableFuture<?>[page.size()];
        for (int i = 0; i < acks.length; i++) {
            OutgoingRecord record = page.get(i);
            CompletableFuture<Void> ack = new CompletableFuture<>();
            producer.send(new ProducerRecord<>(Topics.RECORDS_EXTRACTED, record.key(), record.value()), (md, e) -> {
                if (e == null) {
                    ack.complete(null);
                } else {
                    ack.completeExceptionally(e);
                }
            });
            acks[i] = ack;
        }
        return Uni.createFrom().completionStage(CompletableFuture.allOf(acks));
    }

    private static double copySeconds(LocalPostgres pg) throws Exception {
        try (Connection c = pg.connect(DB)) {
            long t = System.nanoTime();
            long bytes = c.unwrap(PGConnection.class).getCopyAPI()
                    .copyOut("COPY contacts TO STDOUT", OutputStream.nullOutputStream());
            double s = (System.nanoTime() - t) / 1e9;
            System.out.printf(Locale.ROOT, "COPY contacts TO STDOUT: %,d rows in %.2f s%n", bytes, s);
            return s;
        }
    }

    private static long heapUsed() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static void resetPeaks() {
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    private static long peakHeapPools() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    /** Samples the used heap every 20 ms: the highest value seen is the peak. */
    private static final class HeapSampler extends Thread {
        volatile boolean stop;
        volatile long peak;

        HeapSampler() {
            super("heap-sampler");
            setDaemon(true);
        }

        @Override
        public void run() {
            while (!stop) {
                peak = Math.max(peak, heapUsed());
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private ExtractionBench() {
    }
}

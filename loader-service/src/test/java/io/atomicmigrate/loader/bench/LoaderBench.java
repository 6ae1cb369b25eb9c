package io.atomicmigrate.loader.bench;

import io.atomicmigrate.common.events.EventEnvelope;
import io.atomicmigrate.common.events.EventKeys;
import io.atomicmigrate.common.events.Phase;
import io.atomicmigrate.common.events.payload.MapApproved;
import io.atomicmigrate.common.events.payload.RecordMapped;
import io.atomicmigrate.common.json.EventCodec;
import io.atomicmigrate.common.map.MigrationMap;
import io.atomicmigrate.common.topics.Topics;
import io.atomicmigrate.loader.support.MapperStub;
import io.atomicmigrate.loader.support.Records;
import io.atomicmigrate.loader.support.TestMaps;
import io.atomicmigrate.localstack.LocalStack;
import io.atomicmigrate.sandbox.PipedriveSandbox;
import io.atomicmigrate.sandbox.admin.SandboxAdmin;
import io.atomicmigrate.sandbox.config.AccountSpec;
import io.atomicmigrate.sandbox.config.SandboxConfig;
import io.atomicmigrate.sandbox.config.UserSpec;
import io.atomicmigrate.sandbox.service.FaultRule;
import io.atomicmigrate.sandbox.service.RequestCounters;
import java.io.File;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Throughput of the packaged loader (not a test): the real service jar as a child process, real
 * Kafka and Postgres from the local stack, the sandbox with a burst limit of 80 per 2 s (the
 * Professional plan's API-token limit) and 100 ms added to every call. Loads organizations, then
 * persons referencing them, and reports the sustained request rate as a fraction of the limit,
 * the 429s and the API calls per record.
 *
 * <pre>
 * ./mvnw -B -pl loader-service package -DskipTests
 * ./mvnw -B -pl loader-service exec:exec -Dexec.classpathScope=test -Dexec.executable=java \
 *   "-Dexec.args=-cp %classpath io.atomicmigrate.loader.bench.LoaderBench 600 10 25ms"   (records per object, writer threads, burst margin)
 * </pre>
 */
public final class LoaderBench {

    private static final EventCodec CODEC = new EventCodec();

    public static void main(String[] args) throws Exception {
        int perObject = args.length > 0 ? Integer.parseInt(args[0]) : 600;
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        String margin = args.length > 2 ? args[2] : null;
        Path jar = Path.of("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            jar = Path.of("loader-service/target/quarkus-app/quarkus-run.jar");
        }
        if (!Files.exists(jar)) {
            throw new IllegalStateException("build the service first: ./mvnw -B -pl loader-service package -DskipTests");
        }
        LocalStack stack = LocalStack.shared();
        Map<String, String> stackConfig = stack.quarkusConfig();
        String bootstrap = stackConfig.get("kafka.bootstrap.servers");

        PipedriveSandbox sandbox = PipedriveSandbox.start(SandboxConfig.defaults().limitsEnabled(true));
        String domain = "bench" + UUID.randomUUID().toString().substring(0, 6);
        String token = "bench-" + UUID.randomUUID();
        SandboxAdmin admin = sandbox.admin();
        admin.createAccount(new AccountSpec(domain, null, "professional", 10, null, null, true,
                List.of(UserSpec.admin("Ada", "ada@bench.example", token))));
        admin.addFault(domain, FaultRule.of(FaultRule.Kind.LATENCY).latency(100, 0));

        int mapperPort;
        try (ServerSocket s = new ServerSocket(0)) {
            mapperPort = s.getLocalPort();
        }
        System.setProperty("mapper-stub.port", Integer.toString(mapperPort));
        String migrationId = "bench-" + UUID.randomUUID();
        MigrationMap map = TestMaps.map(migrationId);
        MapperStub.get().put(map, "bench-hash", true);

        Properties config = new Properties();
        config.putAll(stackConfig);
        int httpPort;
        try (ServerSocket s = new ServerSocket(0)) {
            httpPort = s.getLocalPort();
        }
        config.put("quarkus.http.port", Integer.toString(httpPort));
        config.put("quarkus.rest-client.mapper.url", "http://127.0.0.1:" + mapperPort);
        config.put("loader.destinations.\"" + migrationId + "\".base-url", sandbox.baseUrl());
        config.put("loader.destinations.\"" + migrationId + "\".api-token", token);
        config.put("loader.budget.burst-limit", "80");
        if (margin != null) {
            config.put("loader.budget.burst-margin", margin);
        }
        config.put("smallrye.messaging.worker.loader-writes.max-concurrency", Integer.toString(concurrency));
        config.put("quarkus.log.level", "WARN");
        // the token goes to the child in a file only its owner can read, not on its command line
        Path configFile = Files.createTempFile("loader-bench", ".properties",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (var out = Files.newBufferedWriter(configFile)) {
            config.store(out, "loader bench");
        }
        Process loader = new ProcessBuilder("java", "-Dquarkus.config.locations=" + configFile.toUri(), "-jar",
                jar.toAbsolutePath().toString()).redirectErrorStream(true)
                .redirectOutput(new File("target/loader-bench-service.log")).start();
        try {
            send(bootstrap, List.of(envelope(migrationId, null, new MapApproved(1, "bench", Instant.now(), "bench-hash"))));
            awaitEvents(bootstrap, Topics.MIGRATION_EVENTS, migrationId, 1, "destination.ready", Duration.ofMinutes(3));
            System.out.println("destination ready; loading " + perObject + " organizations and " + perObject + " persons");

            List<EventEnvelope<?>> orgs = new ArrayList<>();
            List<EventEnvelope<?>> persons = new ArrayList<>();
            for (int i = 1; i <= perObject; i++) {
                orgs.add(envelope(migrationId, Phase.ORGANIZATIONS, Records.organization("" + i, "Org " + i, null)));
                persons.add(envelope(migrationId, Phase.PERSONS,
                        Records.person("" + i, "Person " + i, "p" + i + "@bench.example", "" + i, null)));
            }
            RequestCounters counters = admin.requestCounters(domain);
            long callsBefore = counters.log().size();
            long started = System.nanoTime();
            send(bootstrap, orgs);
            awaitEvents(bootstrap, Topics.RECORDS_OUTCOMES, migrationId, perObject, "record.outcome", Duration.ofMinutes(10));
            send(bootstrap, persons);
            awaitEvents(bootstrap, Topics.RECORDS_OUTCOMES, migrationId, 2 * perObject, "record.outcome", Duration.ofMinutes(10));
            double seconds = (System.nanoTime() - started) / 1e9;

            List<RequestCounters.LoggedRequest> log = counters.log();
            long calls = log.size() - callsBefore;
            long creates = counters.calls("addOrganization") + counters.calls("addPerson");
            long records = 2L * perObject;
            // Rates from the instants the sandbox's rate limiter counted each call (ms). "Sustained" is
            // per phase, between the 10th and the 90th percentile of its creates: while the loader had
            // records waiting. The switch between the phases (the bench waits for every organization's
            // outcome before it sends persons) is idle time of the feeder, reported apart.
            List<Long> counted = log.stream().skip(callsBefore).map(RequestCounters.LoggedRequest::countedAtMillis)
                    .filter(java.util.Objects::nonNull).sorted().toList();
            double limitPerSecond = 80 / 2.0;
            Window orgWindow = Window.of(log, "addOrganization", counted);
            Window personWindow = Window.of(log, "addPerson", counted);
            Window wholeWindow = Window.of(log, null, counted);
            System.out.printf(Locale.ROOT, "records=%d calls=%d creates=%d wall=%.1fs%n", records, calls, creates, seconds);
            System.out.printf(Locale.ROOT, "overall rate=%.1f req/s (%.3f of the limit)%n", calls / seconds,
                    calls / seconds / limitPerSecond);
            for (var w : List.of(Map.entry("organizations", orgWindow), Map.entry("persons", personWindow))) {
                System.out.printf(Locale.ROOT, "sustained rate, %s phase=%.2f req/s (%.3f of the limit) over %.1fs%n",
                        w.getKey(), w.getValue().rate(), w.getValue().rate() / limitPerSecond, w.getValue().seconds());
            }
            double sustained = (orgWindow.calls() + personWindow.calls()) / (orgWindow.seconds() + personWindow.seconds());
            System.out.printf(Locale.ROOT, "sustained rate, both phases=%.2f req/s (%.3f of the limit)%n", sustained,
                    sustained / limitPerSecond);
            System.out.printf(Locale.ROOT, "rate across the phase switch=%.2f req/s (%.3f of the limit) over %.1fs%n",
                    wholeWindow.rate(), wholeWindow.rate() / limitPerSecond, wholeWindow.seconds());
            System.out.printf(Locale.ROOT, "most calls counted in any rolling 2 s=%d (limit 80)%n", mostInWindow(counted, 2000));
            System.out.println("permit cycle (ms between a call and the 80th call after it, sustained windows): "
                    + cycles(counted, 80, List.of(orgWindow, personWindow)));
            System.out.printf(Locale.ROOT, "429s=%d%n", counters.count429());
            System.out.printf(Locale.ROOT, "API calls per record=%.3f (setup excluded)%n", (double) calls / records);
            String metrics = new String(java.net.URI.create("http://127.0.0.1:" + httpPort + "/q/metrics").toURL()
                    .openStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            metrics.lines().filter(l -> l.startsWith("loader_budget_")).forEach(l -> System.out.println("  " + l));
        } catch (Throwable t) {
            t.printStackTrace(); // the exit below would hide it: a run without figures says why
            throw t;
        } finally {
            loader.destroy();
            loader.waitFor();
            Files.deleteIfExists(configFile);
            sandbox.close();
            System.exit(0);
        }
    }

    /** Calls counted between the 10th and the 90th percentile of one operation's (or all creates') counted instants. */
    record Window(long from, long to, long calls) {
        static Window of(List<RequestCounters.LoggedRequest> log, String operation, List<Long> counted) {
            List<Long> creates = log.stream().filter(r -> r.countedAtMillis() != null
                            && (operation == null ? "addOrganization".equals(r.operationId()) || "addPerson".equals(r.operationId())
                                    : operation.equals(r.operationId())))
                    .map(RequestCounters.LoggedRequest::countedAtMillis).sorted().toList();
            long from = creates.get(creates.size() / 10);
            long to = creates.get(creates.size() * 9 / 10);
            long calls = counted.stream().filter(t -> t >= from && t < to).count();
            return new Window(from, to, calls);
        }

        double seconds() {
            return Math.max(1, to - from) / 1000.0;
        }

        double rate() {
            return calls / seconds();
        }
    }

    static int mostInWindow(List<Long> sorted, long windowMs) {
        int most = 0;
        for (int i = 0, j = 0; i < sorted.size(); i++) {
            while (sorted.get(i) - sorted.get(j) >= windowMs) {
                j++;
            }
            most = Math.max(most, i - j + 1);
        }
        return most;
    }

    static String cycles(List<Long> sorted, int limit, List<Window> windows) {
        List<Long> gaps = new ArrayList<>();
        for (int i = limit; i < sorted.size(); i++) {
            long t = sorted.get(i);
            long before = sorted.get(i - limit);
            if (windows.stream().anyMatch(w -> before >= w.from() && t < w.to())) {
                gaps.add(t - before);
            }
        }
        if (gaps.isEmpty()) {
            return "none";
        }
        List<Long> g = gaps.stream().sorted().toList();
        double mean = g.stream().mapToLong(Long::longValue).average().orElse(0);
        return String.format(Locale.ROOT, "min %d, p10 %d, p50 %d, p90 %d, max %d, mean %.1f", g.get(0),
                g.get(g.size() / 10), g.get(g.size() / 2), g.get(g.size() * 9 / 10), g.get(g.size() - 1), mean);
    }

    static <P extends io.atomicmigrate.common.events.EventPayload> EventEnvelope<P> envelope(String migrationId, Phase phase,
                                                                                           P payload) {
        return new EventEnvelope<>(UUID.randomUUID(), io.atomicmigrate.common.events.EventType.of(payload).wireName(),
                migrationId, "bench-run", phase, Instant.now(), EventEnvelope.CURRENT_SCHEMA_VERSION, payload);
    }

    static void send(String bootstrap, List<EventEnvelope<?>> events) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            for (EventEnvelope<?> e : events) {
                producer.send(new ProducerRecord<>(e.eventType().topic(), EventKeys.of(e), CODEC.encode(e)));
            }
            producer.flush();
        }
    }

    static void awaitEvents(String bootstrap, String topic, String migrationId, int count, String type, Duration timeout) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        int seen = 0;
        long end = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            while (seen < count) {
                if (System.nanoTime() > end) {
                    throw new IllegalStateException("only " + seen + " of " + count + " " + type + " events in " + timeout);
                }
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    try {
                        EventEnvelope<?> e = CODEC.decode(r.value());
                        if (migrationId.equals(e.migrationId()) && type.equals(e.type())) {
                            seen++;
                        }
                    } catch (RuntimeException ignored) {
                        // events of other types
                    }
                }
            }
        }
    }
}

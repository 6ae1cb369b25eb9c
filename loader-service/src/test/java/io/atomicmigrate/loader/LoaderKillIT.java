package io.atomicmigrate.loader;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.atomicmigrate.common.events.EventEnvelope;
import io.atomicmigrate.common.events.EventKeys;
import io.atomicmigrate.common.events.EventPayload;
import io.atomicmigrate.common.events.EventType;
import io.atomicmigrate.common.events.Phase;
import io.atomicmigrate.common.events.payload.DestinationReady;
import io.atomicmigrate.common.events.payload.MapApproved;
import io.atomicmigrate.common.events.payload.RecordMapped;
import io.atomicmigrate.common.events.payload.RecordOutcome;
import io.atomicmigrate.common.json.EventCodec;
import io.atomicmigrate.common.json.Json;
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
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real crash: the packaged loader ({@code target/quarkus-app/quarkus-run.jar}, built by
 * {@code package} before this failsafe test runs) as its own OS process against the local stack's
 * Kafka and Postgres and the sandbox, SIGKILLed ({@code destroyForcibly}) while it writes a phase,
 * then started again. Creates are slowed down by the sandbox, so at the kill some records are done,
 * some have a create in flight (it completes at the sandbox after the process died) and some were
 * not started. In the second phase some creates also outlive the client's read timeout (the
 * response is lost after the record was created). Afterwards the sandbox holds every record exactly
 * once (counted by marker, deleted ones included) and every source row has exactly one outcome.
 */
class LoaderKillIT {

    private static final EventCodec CODEC = new EventCodec();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final int RECORDS = 48;
    private static final long HOLD_MS = 3_000;
    /** Where MapperStub listens (as LoaderTestResource and the bench set it). */
    private static final String MAPPER_PORT_PROPERTY = "mapper-stub.port";

    private static LocalStack stack;
    private static PipedriveSandbox sandbox;
    private static SandboxAdmin admin;

    @BeforeAll
    static void start() throws IOException {
        stack = LocalStack.shared();
        sandbox = PipedriveSandbox.start(SandboxConfig.defaults().limitsEnabled(true));
        admin = sandbox.admin();
        if (System.getProperty(MAPPER_PORT_PROPERTY) == null) {
            try (ServerSocket s = new ServerSocket(0)) {
                System.setProperty(MAPPER_PORT_PROPERTY, Integer.toString(s.getLocalPort()));
            }
        }
    }

    @AfterAll
    static void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    /** The packaged loader as a child process; its configuration (token included) in a file only its owner reads. */
    static final class LoaderProcess implements AutoCloseable {
        final Process process;
        final int port;
        final Path log;

        LoaderProcess(Path configFile, Path log) throws IOException {
            this.port = freePort();
            this.log = log;
            Path jar = Path.of(System.getProperty("loader.app.jar", "target/quarkus-app/quarkus-run.jar"));
            assertThat(jar).as("the packaged loader (mvn package)").exists();
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            process = new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-Dquarkus.config.locations=" + configFile.toUri(),
                    "-Dquarkus.http.port=" + port, "-jar", jar.toAbsolutePath().toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        }

        void awaitReady(Duration timeout) throws InterruptedException {
            long end = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < end) {
                assertThat(process.isAlive()).as("the loader process is running (see " + log + ")").isTrue();
                try {
                    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                            + "/q/health/ready")).build(), HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() == 200) {
                        return;
                    }
                } catch (IOException e) {
                    // not listening yet
                }
                Thread.sleep(250);
            }
            throw new AssertionError("the loader was not ready within " + timeout + " (see " + log + ")");
        }

        JsonNode get(String path) throws Exception {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(path).isEqualTo(200);
            return Json.mapper().readTree(r.body());
        }

        /** SIGKILL: no shutdown hook, no commit, no flush. */
        void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor();
        }

        @Override
        public void close() throws InterruptedException {
            if (process.isAlive()) {
                process.destroy();
                process.waitFor();
            }
        }
    }

    @Test
    void killedMidPhaseAndRestartedEveryRecordExistsOnceWithOneOutcome() throws Exception {
        String domain = "kill" + UUID.randomUUID().toString().substring(0, 6);
        String token = "kill-" + UUID.randomUUID();
        admin.createAccount(new AccountSpec(domain, null, "ultimate", 5, null, null, true,
                List.of(UserSpec.admin("Ada", "ada@" + domain + ".example", token))));
        String m = "kill-" + UUID.randomUUID();
        MapperStub.get().put(TestMaps.map(m), "kill-hash", true);
        String bootstrap = stack.quarkusConfig().get("kafka.bootstrap.servers");

        Path configFile = configFile(m, token);
        List<Path> logs = new ArrayList<>();
        LoaderProcess loader = start(configFile, logs);
        try {
            send(bootstrap, List.of(envelope(m, null, new MapApproved(1, "test", Instant.now(), "kill-hash"))));
            DestinationReady ready = (DestinationReady) await(bootstrap, Topics.MIGRATION_EVENTS, m, Duration.ofMinutes(2),
                    seen -> seen.stream().anyMatch(e -> e.payload() instanceof DestinationReady)).stream()
                    .filter(e -> e.payload() instanceof DestinationReady).findFirst().orElseThrow().payload();

            // creates take 300-700 ms at the sandbox, which performs them after the wait (also after the client died)
            admin.addFault(domain, FaultRule.of(FaultRule.Kind.LATENCY).method("POST").path(".*/(organizations|persons)$")
                    .latency(300, 400));

            // phase 1: organizations, killed mid-phase
            List<EventEnvelope<?>> orgs = new ArrayList<>();
            for (int i = 1; i <= RECORDS; i++) {
                orgs.add(envelope(m, Phase.ORGANIZATIONS, Records.organization("" + i, "Org " + i, null)));
            }
            FaultRule held = holdNthCreate(domain, ".*/organizations$", RECORDS / 4);
            send(bootstrap, orgs);
            awaitHeld(held);
            loader.kill();
            Map<String, Long> atKill = ledgerStates(m);
            Thread.sleep(HOLD_MS + 500); // creates the sandbox held at the kill complete now, with nobody to hear the answer
            long created = admin.count(domain, "organization", true);
            System.out.printf("organizations at the kill: ledger %s, in the sandbox once the held creates ended %d of %d%n", atKill,
                    created, RECORDS);
            assertThat(created).as("killed while writing: some but not all created").isBetween(1L, RECORDS - 1L);
            assertThat(atKill.getOrDefault("intent", 0L)).as("open intents left by the kill").isPositive();
            assertThat(created).as("a create reached the sandbox but its intent is still open")
                    .isGreaterThan(atKill.getOrDefault("done", 0L));

            loader = start(configFile, logs);
            Map<String, List<RecordOutcome>> orgOutcomes = outcomesBySource(awaitOutcomes(bootstrap, m, RECORDS));
            assertExactlyOnce(domain, ready, "organization", "companies", orgOutcomes);

            // phase 2: persons referencing them; three creates outlive the read timeout, then a kill again
            admin.addFault(domain, FaultRule.of(FaultRule.Kind.LATENCY).method("POST").path(".*/persons$")
                    .latency(3_000, 0).times(3));
            List<EventEnvelope<?>> persons = new ArrayList<>();
            for (int i = 1; i <= RECORDS; i++) {
                persons.add(envelope(m, Phase.PERSONS,
                        Records.person("" + i, "Person " + i, "p" + i + "@" + domain + ".example", "" + i, null)));
            }
            FaultRule heldPerson = holdNthCreate(domain, ".*/persons$", RECORDS / 3);
            send(bootstrap, persons);
            awaitHeld(heldPerson);
            loader.kill();
            Map<String, Long> personsAtKill = ledgerStates(m);
            Thread.sleep(HOLD_MS + 500);
            long personsCreated = admin.count(domain, "person", true);
            System.out.printf("persons at the kill: ledger %s (organizations included), in the sandbox later %d of %d%n",
                    personsAtKill, personsCreated, RECORDS);
            assertThat(personsCreated).as("killed while writing persons").isBetween(1L, RECORDS - 1L);
            assertThat(personsAtKill.getOrDefault("intent", 0L)).isPositive();

            loader = start(configFile, logs);
            Map<String, List<RecordOutcome>> all = outcomesBySource(awaitOutcomes(bootstrap, m, 2 * RECORDS));
            Map<String, List<RecordOutcome>> personOutcomes = all.entrySet().stream()
                    .filter(e -> e.getKey().startsWith("contacts/"))
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
            assertExactlyOnce(domain, ready, "person", "contacts", personOutcomes);
            assertThat(admin.faults(domain)).filteredOn(f -> f.times != null)
                    .allSatisfy(f -> assertThat(f.fired).as("creates that outlived the read timeout").isEqualTo(3));
            // every person carries its organization's Pipedrive id (references resolved through the ledger)
            Map<String, String> orgIds = new HashMap<>();
            orgOutcomes.forEach((k, v) -> orgIds.put(k.substring(k.indexOf('/') + 1), v.get(0).pipedriveId()));
            String personMarker = ready.fieldKeys().get("person.Atomic CRM id");
            for (JsonNode p : admin.entities(domain, "person")) {
                String source = p.path("custom_fields").path(personMarker).asText().replace("contacts:", "");
                assertThat(p.path("org_id").asText()).as("person " + source).isEqualTo(orgIds.get(source));
            }

            // the ledger of the restarted process: every row done, none left as an open intent
            JsonNode ledger = loader.get("/api/migrations/" + m + "/ledger");
            assertThat(ledger.path("entries")).hasSize(2 * RECORDS)
                    .allSatisfy(e -> assertThat(e.path("state").asText()).isEqualTo("done"));
        } finally {
            loader.close();
            Files.deleteIfExists(configFile);
        }
        for (Path log : logs) {
            assertThat(Files.readString(log)).as("the token never appears in the loader's output (" + log + ")")
                    .doesNotContain(token);
        }
    }

    /** Each source row: one record in the sandbox with its marker (deleted ones counted too), one outcome. */
    private static void assertExactlyOnce(String domain, DestinationReady ready, String type, String table,
                                          Map<String, List<RecordOutcome>> outcomes) {
        String markerKey = ready.fieldKeys().get(type + ".Atomic CRM id");
        List<JsonNode> records = admin.entities(domain, type).stream().map(n -> (JsonNode) n).toList();
        Map<String, List<JsonNode>> byMarker = records.stream()
                .collect(Collectors.groupingBy(e -> e.path("custom_fields").path(markerKey).asText()));
        Set<String> expected = new java.util.TreeSet<>();
        for (int i = 1; i <= RECORDS; i++) {
            expected.add(table + ":" + i);
        }
        assertThat(byMarker.keySet()).as(type + " markers").isEqualTo(expected);
        assertThat(byMarker).allSatisfy((marker, rows) -> assertThat(rows).as(marker).hasSize(1));
        assertThat(admin.count(domain, type, true)).as(type + "s including deleted").isEqualTo(RECORDS);

        assertThat(outcomes).hasSize(RECORDS);
        outcomes.forEach((source, list) -> {
            // redelivery after the kill may publish an outcome again: the same one, never a second verdict
            assertThat(list.stream().map(o -> o.outcome() + "/" + o.pipedriveId()).distinct().toList())
                    .as("outcomes of " + source).hasSize(1);
            RecordOutcome o = list.get(0);
            assertThat(o.outcome()).as(source).isEqualTo(RecordOutcome.Outcome.CREATED);
            String marker = table + ":" + source.substring(source.indexOf('/') + 1);
            assertThat(o.pipedriveId()).as(source).isEqualTo(byMarker.get(marker).get(0).path("id").asText());
        });
    }

    /** The migration's id ledger rows by state, read from Postgres directly (the process is dead). */
    private static Map<String, Long> ledgerStates(String migrationId) throws java.sql.SQLException {
        Map<String, Long> states = new java.util.TreeMap<>();
        try (java.sql.Connection c = stack.postgres().connect(LocalStack.CONTROL_DATABASE);
             java.sql.PreparedStatement ps = c.prepareStatement(
                     "select state, count(*) from loader.id_ledger where migration_id = ? group by state")) {
            ps.setString(1, migrationId);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    states.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return states;
    }

    /** Watches the sandbox itself (no Kafka round trip), so the kill lands while the phase is being written. */
    /**
     * Holds the {@code nth} create of a type at the sandbox for {@link #HOLD_MS} (it is performed afterwards, whoever
     * still listens), so the kill can land while that create is inside Pipedrive: a deterministic open intent whose
     * record appears after the process died.
     */
    private static FaultRule holdNthCreate(String domain, String path, int nth) {
        FaultRule hold = FaultRule.of(FaultRule.Kind.LATENCY).method("POST").path(path).nth(nth).latency(HOLD_MS, 0);
        admin.addFault(domain, hold);
        return admin.faults(domain).stream().filter(f -> f.nth != null && f.nth == nth && f.pathRegex.equals(path))
                .findFirst().orElseThrow();
    }

    /** Waits (watching the sandbox, no Kafka round trip) until the held create has arrived. */
    private static void awaitHeld(FaultRule hold) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (hold.fired == 0) {
            assertThat(System.nanoTime()).as("the held create arrived in time").isLessThan(end);
            Thread.sleep(10);
        }
    }

    private LoaderProcess start(Path configFile, List<Path> logs) throws Exception {
        Path log = Path.of("target", "loader-kill-it-" + (logs.size() + 1) + ".log");
        logs.add(log);
        LoaderProcess p = new LoaderProcess(configFile, log);
        try {
            p.awaitReady(Duration.ofMinutes(2));
        } catch (AssertionError | RuntimeException | InterruptedException e) {
            p.kill(); // never leave a child process behind
            throw e;
        }
        return p;
    }

    private static Path configFile(String migrationId, String token) throws IOException {
        Properties config = new Properties();
        config.putAll(stack.quarkusConfig());
        config.put("quarkus.rest-client.mapper.url", "http://127.0.0.1:" + System.getProperty(MAPPER_PORT_PROPERTY));
        config.put("loader.destinations.\"" + migrationId + "\".base-url", sandbox.baseUrl());
        config.put("loader.destinations.\"" + migrationId + "\".api-token", token);
        config.put("loader.client.read-timeout", "2s");
        config.put("loader.writes.in-flight-grace", "4s");
        config.put("loader.writes.max-backoff", "1s");
        config.put("smallrye.messaging.worker.loader-writes.max-concurrency", "3");
        // the killed member's partitions go to the restarted one after this, not after the 45 s default
        config.put("kafka.session.timeout.ms", "6000");
        config.put("kafka.heartbeat.interval.ms", "1000");
        Path file = Files.createTempFile("loader-kill-it", ".properties",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (var out = Files.newBufferedWriter(file)) {
            config.store(out, "LoaderKillIT");
        }
        return file;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Outcomes keyed "table/sourceId", every publication kept. */
    private static Map<String, List<RecordOutcome>> outcomesBySource(List<RecordOutcome> outcomes) {
        return outcomes.stream().collect(Collectors.groupingBy(o -> o.table() + "/" + o.sourceId()));
    }

    /** Every outcome of the migration once at least {@code distinct} source rows have one. */
    private static List<RecordOutcome> awaitOutcomes(String bootstrap, String migrationId, int distinct) {
        List<RecordOutcome> out = await(bootstrap, Topics.RECORDS_OUTCOMES, migrationId, Duration.ofMinutes(3),
                seen -> seen.stream().map(e -> (RecordOutcome) e.payload()).map(o -> o.table() + "/" + o.sourceId())
                        .distinct().count() >= distinct).stream().map(e -> (RecordOutcome) e.payload()).toList();
        assertThat(out.stream().map(o -> o.table() + "/" + o.sourceId()).distinct().count())
                .as("source rows with an outcome").isGreaterThanOrEqualTo(distinct);
        return out;
    }

    static <P extends EventPayload> EventEnvelope<P> envelope(String migrationId, Phase phase, P payload) {
        return new EventEnvelope<>(UUID.randomUUID(), EventType.of(payload).wireName(), migrationId,
                phase == null ? null : "run-1", phase, Instant.now(), EventEnvelope.CURRENT_SCHEMA_VERSION, payload);
    }

    static void send(String bootstrap, List<? extends EventEnvelope<?>> events) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            for (EventEnvelope<?> e : events) {
                producer.send(new ProducerRecord<>(e.eventType().topic(), EventKeys.of(e), CODEC.encode(e)));
            }
            producer.flush();
        }
    }

    static List<EventEnvelope<?>> await(String bootstrap, String topic, String migrationId, Duration timeout,
                                        Predicate<List<EventEnvelope<?>>> done) {
        return io.atomicmigrate.loader.support.Topics.await(bootstrap, topic, migrationId, timeout, done);
    }
}

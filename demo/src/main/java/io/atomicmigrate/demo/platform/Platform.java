package io.atomicmigrate.demo.platform;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The five services of DESIGN §2, each its own process, wired to one Kafka broker and one control
 * database, and to each other only through Kafka and their REST APIs. The shared secrets (the
 * extractor's credential key and the service-to-service token) are made up for this platform's
 * lifetime and passed in the environment, as a Kubernetes Secret would.
 */
public final class Platform implements AutoCloseable {

    /** The services in the order a record meets them. */
    public enum Service {
        EXTRACTOR("extractor-service", 8081),
        MAPPER("mapper-service", 8082),
        LOADER("loader-service", 8083),
        RECONCILER("reconciler-service", 8084),
        FILES("file-service", 8085);

        private final String module;
        private final int defaultPort;

        Service(String module, int defaultPort) {
            this.module = module;
            this.defaultPort = defaultPort;
        }

        public String module() {
            return module;
        }
    }

    private final Map<Service, ServiceProcess> processes;
    private final String internalToken;

    private Platform(Map<Service, ServiceProcess> processes, String internalToken) {
        this.processes = processes;
        this.internalToken = internalToken;
    }

    /**
     * Starts the five services in parallel and waits until each reports ready.
     *
     * @param repository   the repository root (each service's jar is under {@code <module>/target/quarkus-app})
     * @param fixedPorts   the documented ports 8081-8085 (the demo) rather than free ones (tests)
     * @param controlDb    the control database (one schema per service)
     * @param extraConfig  per-service configuration added to the common one (tests tune intervals)
     */
    public static Platform start(Path repository, boolean fixedPorts, String kafkaBootstrap, ControlDatabase controlDb,
                                 Map<Service, Map<String, String>> extraConfig, Path logDir) {
        String secretsKey = randomBase64(32);
        String internalToken = randomBase64(24);
        Map<Service, Integer> ports = new LinkedHashMap<>();
        for (Service s : Service.values()) {
            ports.put(s, fixedPorts ? s.defaultPort : freePort());
        }
        Map<String, String> env = new LinkedHashMap<>();
        env.put("EXTRACTOR_SECRETS_KEY", secretsKey);
        env.put("PLATFORM_INTERNAL_TOKEN", internalToken);
        env.put("EXTRACTOR_URL", "http://localhost:" + ports.get(Service.EXTRACTOR));
        env.put("MAPPER_URL", "http://localhost:" + ports.get(Service.MAPPER));
        env.put("CONTROL_DB_PASSWORD", controlDb.password());

        Map<Service, ServiceProcess> started = new LinkedHashMap<>();
        List<CompletableFuture<Void>> ready = new ArrayList<>();
        try {
            for (Service s : Service.values()) {
                Map<String, String> config = new LinkedHashMap<>();
                config.put("kafka.bootstrap.servers", kafkaBootstrap);
                config.put("mp.messaging.connector.smallrye-kafka.bootstrap.servers", kafkaBootstrap);
                config.put("quarkus.datasource.reactive.url", controlDb.reactiveUrl());
                config.put("quarkus.datasource.jdbc.url", controlDb.jdbcUrl());
                config.put("quarkus.datasource.username", controlDb.user());
                config.put("quarkus.devservices.enabled", "false");
                config.put("quarkus.log.console.json", "false");
                config.putAll(extraConfig.getOrDefault(s, Map.of()));
                Path jar = repository.resolve(s.module).resolve("target/quarkus-app/quarkus-run.jar");
                ServiceProcess process = ServiceProcess.start(s.module, jar, ports.get(s), config, env,
                        s == Service.LOADER ? "512m" : "384m", logDir.resolve(s.module + ".log"));
                started.put(s, process);
                ready.add(CompletableFuture.runAsync(() -> {
                    try {
                        process.awaitReady(Duration.ofMinutes(3));
                    } catch (IOException e) {
                        throw new CompletionException(e);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new CompletionException(e);
                    }
                }));
            }
            CompletableFuture.allOf(ready.toArray(CompletableFuture[]::new)).join();
            return new Platform(started, internalToken);
        } catch (IOException | RuntimeException e) {
            started.values().forEach(ServiceProcess::close);
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            throw cause instanceof RuntimeException r ? r : new IllegalStateException(cause.getMessage(), cause);
        }
    }

    public URI uri(Service service) {
        return processes.get(service).baseUri();
    }

    public ServiceProcess process(Service service) {
        return processes.get(service);
    }

    /** The bearer token the services use among themselves (tests call internal endpoints with it). */
    public String internalToken() {
        return internalToken;
    }

    /** Fails with the service's log tail when one of them has died. */
    public void checkAlive() {
        for (ServiceProcess p : processes.values()) {
            if (!p.isAlive()) {
                throw new IllegalStateException(p.name() + " has stopped; the end of its log (" + p.log() + "):\n"
                        + p.tail(40));
            }
        }
    }

    @Override
    public void close() {
        List<CompletableFuture<Void>> stopping = processes.values().stream()
                .map(p -> CompletableFuture.runAsync(p::close)).toList();
        CompletableFuture.allOf(stopping.toArray(CompletableFuture[]::new)).join();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port: " + e.getMessage(), e);
        }
    }

    private static String randomBase64(int bytes) {
        byte[] key = new byte[bytes];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    /** Where the services keep their state. */
    public record ControlDatabase(String jdbcUrl, String reactiveUrl, String user, String password) {
        @Override
        public String toString() {
            return "ControlDatabase[" + jdbcUrl + ", " + user + ", password ***]";
        }
    }
}

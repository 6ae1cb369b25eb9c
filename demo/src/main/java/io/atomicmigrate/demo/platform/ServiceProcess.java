package io.atomicmigrate.demo.platform;

import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * One platform service as its own operating-system process, started from its packaged Quarkus
 * jar ({@code <module>/target/quarkus-app/quarkus-run.jar}). Configuration goes in a properties
 * file only the owner can read (never on the command line, where {@code ps} would show it);
 * the few values the services document as environment variables go in the environment.
 */
public final class ServiceProcess implements AutoCloseable {

    private final String name;
    private final int port;
    private final Process process;
    private final Path log;
    private final Path configFile;

    private ServiceProcess(String name, int port, Process process, Path log, Path configFile) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.log = log;
        this.configFile = configFile;
    }

    /**
     * Starts the service; does not wait for it (see {@link #awaitReady}).
     *
     * @param config  Quarkus configuration properties
     * @param env     environment variables (the documented ones: secrets keys, service URLs)
     * @param logFile where its console output goes
     */
    public static ServiceProcess start(String name, Path jar, int port, Map<String, String> config, Map<String, String> env,
                                       String maxHeap, Path logFile) throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(name + " is not packaged at " + jar.toAbsolutePath()
                    + "; build it first: ./mvnw -B -ntp package -DskipTests -pl demo -am");
        }
        Properties properties = new Properties();
        properties.putAll(config);
        properties.put("quarkus.http.port", Integer.toString(port));
        Path configFile = Files.createTempFile(name + "-", ".properties",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (Writer out = Files.newBufferedWriter(configFile)) {
            properties.store(out, name + " for the demo; deleted when it stops");
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + maxHeap, "-XX:+UseSerialGC",
                "-Dquarkus.config.locations=" + configFile.toUri(),
                "-jar", jar.toAbsolutePath().toString()));
        Files.createDirectories(logFile.getParent());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(logFile.toFile());
        builder.environment().putAll(env);
        return new ServiceProcess(name, port, builder.start(), logFile, configFile);
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public URI baseUri() {
        return URI.create("http://localhost:" + port);
    }

    public Path log() {
        return log;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Polls {@code /q/health/ready} until it answers 200; fails with the end of the log if the process dies. */
    public void awaitReady(Duration timeout) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; the end of its log ("
                        + log + "):\n" + tail(40));
            }
            try {
                HttpResponse<Void> health = http.send(HttpRequest.newBuilder(baseUri().resolve("/q/health/ready"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // still starting
            }
            Thread.sleep(300);
        }
        throw new IllegalStateException(name + " not ready within " + timeout + "; the end of its log (" + log + "):\n"
                + tail(40));
    }

    /** The last lines of the service's log, for error messages. */
    public String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    /** SIGTERM (Quarkus shuts down gracefully: consumers commit, producers flush), SIGKILL after 20 s. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            try {
                Files.deleteIfExists(configFile);
            } catch (IOException ignored) {
                // a temp file; the OS cleans it up
            }
        }
    }
}

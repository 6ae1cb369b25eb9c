package io.atomicmigrate.reconciler.messaging;

import io.atomicmigrate.localstack.LocalStack;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The extractor-service as its own operating-system process, run from its packaged jar
 * against the same local broker and Postgres as this test JVM: two Quarkus applications
 * that share nothing but the real infrastructure.
 */
final class ExtractorProcess implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;

    private ExtractorProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    static ExtractorProcess start() throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty("extractor.app.jar", "../extractor-service/target/quarkus-app/quarkus-run.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("extractor-service is not packaged at " + jar.toAbsolutePath()
                    + "; build it first (./mvnw -pl extractor-service package -DskipTests)");
        }
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-Dquarkus.http.port=" + port));
        LocalStack.shared().quarkusConfig().forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-jar");
        command.add(jar.toAbsolutePath().toString());
        Path log = Files.createDirectories(Path.of("target")).resolve("extractor-process.log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile()).directory(new File("target")).start();
        ExtractorProcess extractor = new ExtractorProcess(process, port, log);
        extractor.awaitReady(Duration.ofSeconds(90));
        return extractor;
    }

    URI baseUri() {
        return URI.create("http://localhost:" + port);
    }

    private void awaitReady(Duration timeout) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("extractor process exited with " + process.exitValue() + ":\n"
                        + Files.readString(log));
            }
            try {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(baseUri().resolve("/q/health/ready"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // keep polling until the deadline
            }
            Thread.sleep(250);
        }
        close();
        throw new IllegalStateException("extractor process not ready within " + timeout + ":\n" + Files.readString(log));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}

package io.atomicmigrate.demo.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * JSON over HTTP with the JDK's client: what the demo needs to call the services' REST APIs.
 * A non-2xx answer becomes a {@link RestCallException} carrying the status and the problem body
 * (the services never put secrets in error bodies).
 */
public final class RestCalls {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;

    public RestCalls(URI base) {
        this.base = base;
    }

    public JsonNode get(String path) {
        return send(request(path).GET()).orElseThrow(() -> new RestCallException(404, "GET " + path, "not found"));
    }

    /** GET that answers empty for 404 (e.g. "no map proposed yet"). */
    public Optional<JsonNode> find(String path) {
        try {
            return send(request(path).GET());
        } catch (RestCallException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    public JsonNode post(String path, Object body) {
        return send(request(path).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes(body)))).orElse(null);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60)).header("accept", "application/json");
    }

    private Optional<JsonNode> send(HttpRequest.Builder builder) {
        HttpRequest request = builder.build();
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            String what = request.method() + " " + request.uri().getPath();
            if (response.statusCode() / 100 != 2) {
                throw new RestCallException(response.statusCode(), what, new String(response.body()));
            }
            return response.body().length == 0 ? Optional.empty() : Optional.of(JSON.readTree(response.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static byte[] bytes(Object body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A REST call answered with a status other than 2xx. */
    public static final class RestCallException extends RuntimeException {
        private final int status;
        private final String body;

        public RestCallException(int status, String call, String body) {
            super(call + " answered " + status + ": " + body);
            this.status = status;
            this.body = body;
        }

        public int status() {
            return status;
        }

        public String body() {
            return body;
        }
    }
}

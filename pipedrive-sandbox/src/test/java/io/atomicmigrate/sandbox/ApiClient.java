package io.atomicmigrate.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.atomicmigrate.sandbox.service.Json;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** A small HTTP client for the tests: JSON in, status + headers + JSON out. */
public final class ApiClient {
    public static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String baseUrl;
    private final String token;

    public ApiClient(String baseUrl, String token) {
        this.baseUrl = baseUrl;
        this.token = token;
    }

    public ApiClient withToken(String other) {
        return new ApiClient(baseUrl, other);
    }

    /** A response; {@code json} is null when the body is not JSON. */
    public record Resp(int status, Map<String, java.util.List<String>> headers, String text, JsonNode json) {
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }

        public JsonNode data() {
            return json.get("data");
        }

        @Override
        public String toString() {
            return status + " " + text;
        }
    }

    public Resp get(String path) {
        return send(request(path).GET().build());
    }

    public Resp delete(String path) {
        return send(request(path).DELETE().build());
    }

    public Resp delete(String path, String json) {
        return send(request(path).header("content-type", "application/json")
                .method("DELETE", HttpRequest.BodyPublishers.ofString(json)).build());
    }

    public Resp post(String path, String json) {
        return send(request(path).header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    public Resp patch(String path, String json) {
        return send(request(path).header("content-type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json)).build());
    }

    public Resp put(String path, String json) {
        return send(request(path).header("content-type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    public Resp putForm(String path, String form) {
        return send(request(path).header("content-type", "application/x-www-form-urlencoded")
                .PUT(HttpRequest.BodyPublishers.ofString(form)).build());
    }

    public Resp method(String method, String path) {
        return send(request(path).method(method, HttpRequest.BodyPublishers.noBody()).build());
    }

    /** multipart/form-data with one file part named "file" plus plain fields. */
    public Resp upload(String path, String fileName, byte[] content, Map<String, String> fields) {
        String boundary = "----sandbox" + System.nanoTime();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            for (var f : fields.entrySet()) {
                out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f.getKey() + "\"\r\n\r\n"
                        + f.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
            }
            out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                    + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.write(content);
            out.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return send(request(path).header("content-type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray())).build());
    }

    public HttpResponse<byte[]> raw(String path) {
        try {
            return HTTP.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(20));
        if (token != null) {
            b.header("x-api-token", token);
        }
        return b;
    }

    private static Resp send(HttpRequest r) {
        try {
            HttpResponse<String> resp = HTTP.send(r, HttpResponse.BodyHandlers.ofString());
            JsonNode json = null;
            try {
                json = Json.MAPPER.readTree(resp.body());
            } catch (Exception ignored) {
                // not JSON (403 HTML block, malformed-JSON fault)
            }
            return new Resp(resp.statusCode(), resp.headers().map(), resp.body(), json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

package io.atomicmigrate.loader.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.atomicmigrate.common.internal.DestinationAccess;
import io.atomicmigrate.common.json.Json;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The extractor's internal endpoint as {@link DestinationAccess} documents it, and nothing more:
 * {@code GET /internal/migrations/{id}/destination} answers 401 without {@code Bearer <token>}
 * (checked before the id), 503 while switched off, 404 for an unknown migration, 200 with the body.
 * The extractor itself is no test dependency of the loader.
 */
public final class ExtractorStub {

    /** The token the loader's %test profile sends (application.properties). */
    public static final String INTERNAL_TOKEN = "test-internal-token";

    private static ExtractorStub instance;
    private final Map<String, DestinationAccess> destinations = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    private final AtomicInteger unauthorized = new AtomicInteger();
    private volatile boolean off;

    private ExtractorStub(int port) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
            server.createContext("/internal/migrations/", this::handle);
            server.start();
        } catch (IOException e) {
            throw new IllegalStateException("extractor stub could not listen on " + port, e);
        }
    }

    public static synchronized ExtractorStub get() {
        if (instance == null) {
            instance = new ExtractorStub(Integer.parseInt(System.getProperty(LoaderTestResource.EXTRACTOR_PORT_PROPERTY)));
        }
        return instance;
    }

    public void put(String migrationId, String baseUrl, String apiToken) {
        destinations.put(migrationId, new DestinationAccess(migrationId, baseUrl, apiToken));
    }

    /** Requests that reached the stub for a migration (authorized or not). */
    public int requests(String migrationId) {
        AtomicInteger n = requests.get(migrationId);
        return n == null ? 0 : n.get();
    }

    public int unauthorized() {
        return unauthorized.get();
    }

    /** Simulates an extractor without PLATFORM_INTERNAL_TOKEN: every call 503. */
    public void off(boolean off) {
        this.off = off;
    }

    private void handle(HttpExchange x) throws IOException {
        String[] p = x.getRequestURI().getPath().split("/"); // "", internal, migrations, {id}, destination
        String id = p.length == 5 && "destination".equals(p[4]) ? p[3] : null;
        if (id == null || !"GET".equals(x.getRequestMethod())) {
            send(x, 404, "{\"error\":\"not found\"}");
            return;
        }
        requests.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
        if (off) {
            send(x, 503, "{\"code\":\"INTERNAL_TOKEN_MISSING\"}");
        } else if (!("Bearer " + INTERNAL_TOKEN).equals(x.getRequestHeaders().getFirst("Authorization"))) {
            unauthorized.incrementAndGet();
            send(x, 401, "{\"code\":\"UNAUTHORIZED\"}");
        } else if (!destinations.containsKey(id)) {
            send(x, 404, "{\"code\":\"MIGRATION_NOT_FOUND\"}");
        } else {
            send(x, 200, Json.mapper().writeValueAsString(destinations.get(id)));
        }
    }

    private static void send(HttpExchange x, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().add("content-type", "application/json");
        x.sendResponseHeaders(status, bytes.length);
        x.getResponseBody().write(bytes);
        x.close();
    }
}

package io.atomicmigrate.reconciler.service;

import com.sun.net.httpserver.HttpServer;
import io.atomicmigrate.common.internal.DestinationAccess;
import io.atomicmigrate.common.json.Json;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A tiny stand-in of the extractor's internal endpoint, to its contract ({@link DestinationAccess}):
 * {@code GET /internal/migrations/{id}/destination} answers 200 with the account, 401 without the
 * right bearer token, 404 for an unknown migration. Started as a test resource, it points the
 * reconciler's rest client and internal token at itself.
 */
public class ExtractorStub implements QuarkusTestResourceLifecycleManager {

    public static final String TOKEN = "internal-token-for-tests";
    public static final Map<String, DestinationAccess> ACCOUNTS = new ConcurrentHashMap<>();
    /** Every request: "<migrationId> <Authorization header or 'none'>". */
    public static final List<String> REQUESTS = new CopyOnWriteArrayList<>();

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/internal/migrations/", exchange -> {
            String[] parts = exchange.getRequestURI().getPath().split("/");
            // "", "internal", "migrations", id, "destination"
            String id = parts.length == 5 && parts[4].equals("destination") ? parts[3] : null;
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            REQUESTS.add(id + " " + (auth == null ? "none" : auth));
            int status;
            byte[] body;
            if (!("Bearer " + TOKEN).equals(auth)) {
                status = 401;
                body = "{\"code\":\"UNAUTHORIZED\",\"message\":\"a valid internal bearer token is required\"}"
                        .getBytes(StandardCharsets.UTF_8);
            } else if (id == null || !ACCOUNTS.containsKey(id)) {
                status = 404;
                body = ("{\"code\":\"NO_SUCH_MIGRATION\",\"message\":\"no migration " + id + "\"}")
                        .getBytes(StandardCharsets.UTF_8);
            } else {
                status = 200;
                body = Json.mapper().writeValueAsBytes(ACCOUNTS.get(id));
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return Map.of("quarkus.rest-client.extractor.url", "http://127.0.0.1:" + server.getAddress().getPort(),
                "reconciler.internal-token", TOKEN,
                "reconciler.destinations.\"mig-configured\".base-url", "http://configured.example",
                "reconciler.destinations.\"mig-configured\".api-token", "configured-token");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}

package io.atomicmigrate.loader.support;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atomicmigrate.common.json.Json;
import io.atomicmigrate.common.map.MigrationMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Serves {@code GET /api/migrations/{id}/map/versions/{v}} in the shape of the mapper's VersionView,
 * for the map.approved path of the loader. A stand-in only for the mapper's HTTP API.
 */
public final class MapperStub {

    private static MapperStub instance;
    private final Map<String, ObjectNode> versions = new ConcurrentHashMap<>();

    private MapperStub(int port) {
        Vertx vertx = Vertx.vertx();
        try {
            HttpServer server = vertx.createHttpServer().requestHandler(req -> {
                String[] p = req.path().split("/");
                // /api/migrations/{id}/map/versions/{v}
                ObjectNode body = p.length == 7 ? versions.get(p[3] + "/" + p[6]) : null;
                if (body == null) {
                    req.response().setStatusCode(404).putHeader("content-type", "application/json")
                            .end("{\"error\":\"no such version\"}");
                } else {
                    req.response().putHeader("content-type", "application/json").end(body.toString());
                }
            }).listen(port, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("mapper stub could not listen on " + port, e);
        }
    }

    public static synchronized MapperStub get() {
        if (instance == null) {
            instance = new MapperStub(Integer.parseInt(System.getProperty(LoaderTestResource.PORT_PROPERTY)));
        }
        return instance;
    }

    public void put(MigrationMap map, String hash, boolean approved) {
        ObjectNode view = Json.mapper().createObjectNode();
        view.put("migrationId", map.migrationId()).put("version", map.version()).put("hash", hash)
                .put("approved", approved).put("approvedBy", "test").put("proposedBy", "test");
        view.set("document", Json.mapper().valueToTree(map));
        versions.put(map.migrationId() + "/" + map.version(), view);
    }
}

package io.atomicmigrate.sandbox.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atomicmigrate.sandbox.service.ApiException;
import io.atomicmigrate.sandbox.service.Caller;
import io.atomicmigrate.sandbox.service.Json;
import io.atomicmigrate.sandbox.service.Query;
import io.vertx.ext.web.RoutingContext;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Runs a route body under the account lock and maps exceptions to Pipedrive error bodies. */
public final class RouteSupport {
    private static final Logger LOG = Logger.getLogger(RouteSupport.class.getName());

    private RouteSupport() {
    }

    @FunctionalInterface
    public interface Action {
        void run(Caller caller) throws Exception;
    }

    public static void locked(RoutingContext ctx, Action action) {
        Caller caller = ctx.get(ApiGateway.CALLER);
        ApiVersion version = ctx.get(ApiGateway.VERSION);
        caller.account().lock.lock();
        try {
            action.run(caller);
        } catch (ApiException e) {
            Responses.error(ctx, version, e);
        } catch (Exception e) {
            LOG.log(Level.WARNING, "sandbox route failed: " + ctx.normalizedPath(), e);
            Responses.json(ctx, 500, Responses.serverError(version, 500));
        } finally {
            caller.account().lock.unlock();
        }
    }

    /** The JSON body; for v1, form-encoded bodies are read as an object of strings. */
    public static JsonNode body(RoutingContext ctx) {
        String type = ctx.request().getHeader("content-type");
        if (type != null && type.startsWith("application/x-www-form-urlencoded")) {
            ObjectNode o = Json.object();
            ctx.request().formAttributes().forEach(e -> o.put(e.getKey(), e.getValue()));
            return o;
        }
        if (ctx.body() == null || ctx.body().length() == 0) {
            return Json.object();
        }
        try {
            return Json.MAPPER.readTree(ctx.body().buffer().getBytes());
        } catch (Exception e) {
            throw ApiException.validation("body: Malformed JSON");
        }
    }

    public static ObjectNode v1Object(RoutingContext ctx) {
        JsonNode b = body(ctx);
        if (!b.isObject()) {
            throw ApiException.badRequest("Expected a JSON object");
        }
        return (ObjectNode) b;
    }

    public static Map<String, String> form(RoutingContext ctx) {
        Map<String, String> m = new LinkedHashMap<>();
        ctx.request().formAttributes().forEach(e -> m.put(e.getKey(), e.getValue()));
        if (m.isEmpty() && ctx.body() != null && ctx.body().length() > 0) {
            JsonNode b = body(ctx);
            b.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asText()));
        }
        return m;
    }

    public static Query query(RoutingContext ctx) {
        Map<String, String> m = new LinkedHashMap<>();
        ctx.queryParams().forEach(e -> m.putIfAbsent(e.getKey(), e.getValue()));
        return new Query(m);
    }
}

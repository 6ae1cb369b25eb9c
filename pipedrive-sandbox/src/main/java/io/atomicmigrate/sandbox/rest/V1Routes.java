package io.atomicmigrate.sandbox.rest;

import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;

import java.util.List;
import java.util.function.Function;

/** v1 routes are served under {@code /api/v1} (recommended) and {@code /v1} (older clients). */
final class V1Routes {
    static final List<String> PREFIXES = List.of("/api/v1", "/v1");

    private V1Routes() {
    }

    static void each(Router router, String path, Function<String, Route> register, io.vertx.core.Handler<io.vertx.ext.web.RoutingContext> handler) {
        for (String prefix : PREFIXES) {
            register.apply(prefix + path).handler(handler);
        }
    }
}

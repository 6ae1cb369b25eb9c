package io.atomicmigrate.sandbox.rest;

import io.atomicmigrate.sandbox.service.UserService;
import io.vertx.ext.web.Router;

/** v1 users: list (unpaginated), find, me, by id, add; plus the currencies and lead-sources lists. */
public final class UserRoutes {
    private UserRoutes() {
    }

    public static void mount(Router router, UserService users) {
        V1Routes.each(router, "/users", router::get, ctx -> RouteSupport.locked(ctx, c -> Responses.v1All(ctx, users.list(c))));
        V1Routes.each(router, "/users/find", router::get, ctx -> RouteSupport.locked(ctx, c ->
                Responses.v1All(ctx, users.find(c, RouteSupport.query(ctx)))));
        V1Routes.each(router, "/users/me", router::get, ctx -> RouteSupport.locked(ctx, c -> Responses.ok(ctx, users.me(c))));
        V1Routes.each(router, "/users/:id", router::get, ctx -> RouteSupport.locked(ctx, c ->
                Responses.ok(ctx, users.get(c, ctx.pathParam("id")))));
        // small read-only reference lists the loader consults
        V1Routes.each(router, "/currencies", router::get, ctx -> RouteSupport.locked(ctx, c ->
                Responses.v1All(ctx, io.atomicmigrate.sandbox.service.Currencies.list(ctx.request().getParam("term")))));
        V1Routes.each(router, "/leadSources", router::get, ctx -> RouteSupport.locked(ctx, c -> {
            java.util.List<com.fasterxml.jackson.databind.node.ObjectNode> sources = new java.util.ArrayList<>();
            for (String name : new String[]{"Manually created", "Deal", "Web forms", "Prospector", "Leadbooster", "Live chat",
                    "Import", "Website visitors", "Workflow automation", "API"}) {
                sources.add(io.atomicmigrate.sandbox.service.Json.object().put("name", name));
            }
            Responses.v1All(ctx, sources);
        }));
        V1Routes.each(router, "/users", router::post, ctx -> RouteSupport.locked(ctx, c ->
                Responses.ok(ctx, users.add(c, RouteSupport.body(ctx)))));
    }
}

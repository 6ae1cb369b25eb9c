package io.atomicmigrate.sandbox.rest;

import io.atomicmigrate.sandbox.service.UserService;
import io.vertx.ext.web.Router;

/** v1 users: list (unpaginated), find, me, by id, add. */
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
        V1Routes.each(router, "/users", router::post, ctx -> RouteSupport.locked(ctx, c ->
                Responses.ok(ctx, users.add(c, RouteSupport.body(ctx)))));
    }
}

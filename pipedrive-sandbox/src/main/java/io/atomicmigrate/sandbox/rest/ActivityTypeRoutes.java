package io.atomicmigrate.sandbox.rest;

import io.atomicmigrate.sandbox.service.ActivityTypeService;
import io.vertx.ext.web.Router;

/** v1 activity types: list (unpaginated), POST, PUT, DELETE (marks inactive). */
public final class ActivityTypeRoutes {
    private ActivityTypeRoutes() {
    }

    public static void mount(Router router, ActivityTypeService types) {
        V1Routes.each(router, "/activityTypes", router::get, ctx -> RouteSupport.locked(ctx, c -> Responses.v1All(ctx, types.list(c))));
        V1Routes.each(router, "/activityTypes", router::post, ctx -> RouteSupport.locked(ctx, c ->
                Responses.ok(ctx, types.add(c, RouteSupport.v1Object(ctx)))));
        V1Routes.each(router, "/activityTypes/:id", router::put, ctx -> RouteSupport.locked(ctx, c ->
                Responses.ok(ctx, types.update(c, ctx.pathParam("id"), RouteSupport.v1Object(ctx)))));
        V1Routes.each(router, "/activityTypes/:id", router::delete, ctx -> RouteSupport.locked(ctx, c ->
                Responses.ok(ctx, types.delete(c, ctx.pathParam("id")))));
    }
}

package io.atomicmigrate.sandbox.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atomicmigrate.sandbox.service.Json;
import io.atomicmigrate.sandbox.service.Page;
import io.atomicmigrate.sandbox.service.Query;
import io.atomicmigrate.sandbox.service.V2EntityService;
import io.vertx.ext.web.Router;

import java.util.List;

/**
 * GET list / GET one / POST / PATCH / DELETE for one v2 resource (persons, organizations, deals,
 * activities, pipelines, stages). Creates answer 200 like the spec; deletes answer {"id": n}.
 */
public final class V2EntityRoutes {
    private V2EntityRoutes() {
    }

    public static void mount(Router router, String path, V2EntityService service) {
        router.get(path).handler(ctx -> RouteSupport.locked(ctx, c -> {
            Query q = RouteSupport.query(ctx);
            Page page = service.list(c, q);
            List<ObjectNode> items = page.items().stream().map(e -> service.render(c, e, q)).toList();
            Responses.v2List(ctx, items, page.nextCursor());
        }));
        router.get(path + "/:id").handler(ctx -> RouteSupport.locked(ctx, c -> {
            Query q = RouteSupport.query(ctx);
            Responses.ok(ctx, service.render(c, service.get(c, ctx.pathParam("id")), q));
        }));
        router.post(path).handler(ctx -> RouteSupport.locked(ctx, c ->
                Responses.ok(ctx, service.render(c, service.create(c, RouteSupport.body(ctx)), Query.empty()))));
        router.patch(path + "/:id").handler(ctx -> RouteSupport.locked(ctx, c ->
                Responses.ok(ctx, service.render(c, service.update(c, ctx.pathParam("id"), RouteSupport.body(ctx)), Query.empty()))));
        router.delete(path + "/:id").handler(ctx -> RouteSupport.locked(ctx, c ->
                Responses.ok(ctx, Json.object().put("id", service.delete(c, ctx.pathParam("id")).id))));
    }

    /** {@code GET /deals/archived}: read-only list view. */
    public static void mountList(Router router, String path, V2EntityService service) {
        router.get(path).handler(ctx -> RouteSupport.locked(ctx, c -> {
            Query q = RouteSupport.query(ctx);
            Page page = service.list(c, q);
            Responses.v2List(ctx, page.items().stream().map(e -> service.render(c, e, q)).toList(), page.nextCursor());
        }));
    }
}

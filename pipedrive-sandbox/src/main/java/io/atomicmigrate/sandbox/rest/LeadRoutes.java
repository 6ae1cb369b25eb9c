package io.atomicmigrate.sandbox.rest;

import io.atomicmigrate.sandbox.service.Json;
import io.atomicmigrate.sandbox.service.LeadLabelService;
import io.atomicmigrate.sandbox.service.LeadService;
import io.atomicmigrate.sandbox.service.Page;
import io.vertx.ext.web.Router;

/** v1 leads (POST answers 201) and lead labels (unpaginated). */
public final class LeadRoutes {
    private LeadRoutes() {
    }

    public static void mount(Router router, LeadService leads, LeadLabelService labels) {
        V1Routes.each(router, "/leads", router::get, ctx -> RouteSupport.locked(ctx, c -> {
            Page page = leads.list(c, RouteSupport.query(ctx), false);
            Responses.v1List(ctx, page.items().stream().map(e -> LeadService.render(c.account(), e)).toList(), page);
        }));
        V1Routes.each(router, "/leads/archived", router::get, ctx -> RouteSupport.locked(ctx, c -> {
            Page page = leads.list(c, RouteSupport.query(ctx), true);
            Responses.v1List(ctx, page.items().stream().map(e -> LeadService.render(c.account(), e)).toList(), page);
        }));
        V1Routes.each(router, "/leads/:id", router::get, ctx -> RouteSupport.locked(ctx, c ->
                Responses.ok(ctx, LeadService.render(c.account(), leads.find(c, ctx.pathParam("id"))))));
        V1Routes.each(router, "/leads", router::post, ctx -> RouteSupport.locked(ctx, c ->
                Responses.ok(ctx, 201, LeadService.render(c.account(), leads.add(c, RouteSupport.v1Object(ctx))))));
        V1Routes.each(router, "/leads/:id", router::patch, ctx -> RouteSupport.locked(ctx, c ->
                Responses.ok(ctx, LeadService.render(c.account(), leads.update(c, ctx.pathParam("id"), RouteSupport.v1Object(ctx))))));
        V1Routes.each(router, "/leads/:id", router::delete, ctx -> RouteSupport.locked(ctx, c -> {
            leads.delete(c, ctx.pathParam("id"));
            Responses.ok(ctx, Json.object().put("id", ctx.pathParam("id")));
        }));

        V1Routes.each(router, "/leadLabels", router::get, ctx -> RouteSupport.locked(ctx, c -> Responses.v1All(ctx, labels.list(c))));
        V1Routes.each(router, "/leadLabels", router::post, ctx -> RouteSupport.locked(ctx, c ->
                Responses.ok(ctx, labels.add(c, RouteSupport.v1Object(ctx)))));
        V1Routes.each(router, "/leadLabels/:id", router::patch, ctx -> RouteSupport.locked(ctx, c ->
                Responses.ok(ctx, labels.update(c, ctx.pathParam("id"), RouteSupport.v1Object(ctx)))));
        V1Routes.each(router, "/leadLabels/:id", router::delete, ctx -> RouteSupport.locked(ctx, c -> {
            labels.delete(c, ctx.pathParam("id"));
            Responses.ok(ctx, Json.object().put("id", ctx.pathParam("id")));
        }));
    }
}

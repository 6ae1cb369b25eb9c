package io.atomicmigrate.sandbox.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atomicmigrate.sandbox.service.FieldService;
import io.vertx.ext.web.Router;

import java.util.List;

/** {@code /api/v2/{person,organization,deal}Fields[/{field_code}[/options]]}. */
public final class FieldRoutes {
    private FieldRoutes() {
    }

    public static void mount(Router router, FieldService fields) {
        for (String segment : List.of("personFields", "organizationFields", "dealFields")) {
            String entity = FieldService.entityOf(segment);
            String base = "/api/v2/" + segment;
            router.get(base).handler(ctx -> RouteSupport.locked(ctx, c -> {
                String[] next = new String[1];
                List<ObjectNode> items = fields.list(c, entity, RouteSupport.query(ctx), next);
                Responses.v2List(ctx, items, next[0]);
            }));
            router.get(base + "/:code").handler(ctx -> RouteSupport.locked(ctx, c ->
                    Responses.ok(ctx, FieldService.render(fields.get(c, entity, ctx.pathParam("code"))))));
            router.post(base).handler(ctx -> RouteSupport.locked(ctx, c ->
                    Responses.ok(ctx, FieldService.render(fields.create(c, entity, RouteSupport.body(ctx))))));
            router.patch(base + "/:code").handler(ctx -> RouteSupport.locked(ctx, c ->
                    Responses.ok(ctx, FieldService.render(fields.update(c, entity, ctx.pathParam("code"), RouteSupport.body(ctx))))));
            router.delete(base + "/:code").handler(ctx -> RouteSupport.locked(ctx, c ->
                    Responses.ok(ctx, FieldService.render(fields.delete(c, entity, ctx.pathParam("code"))))));
            router.post(base + "/:code/options").handler(ctx -> RouteSupport.locked(ctx, c -> options(ctx,
                    FieldService.renderOptions(fields.addOptions(c, entity, ctx.pathParam("code"), RouteSupport.body(ctx))))));
            router.patch(base + "/:code/options").handler(ctx -> RouteSupport.locked(ctx, c -> options(ctx,
                    FieldService.renderOptions(fields.updateOptions(c, entity, ctx.pathParam("code"), RouteSupport.body(ctx))))));
            router.delete(base + "/:code/options").handler(ctx -> RouteSupport.locked(ctx, c -> options(ctx,
                    FieldService.renderOptions(fields.deleteOptions(c, entity, ctx.pathParam("code"), RouteSupport.body(ctx))))));
        }
    }

    /** Option endpoints answer {"success":true,"data":[...],"additional_data":null} (spec example). */
    private static void options(io.vertx.ext.web.RoutingContext ctx, com.fasterxml.jackson.databind.node.ArrayNode data) {
        ObjectNode body = io.atomicmigrate.sandbox.service.Json.object().put("success", true);
        body.set("data", data);
        body.putNull("additional_data");
        Responses.json(ctx, 200, body);
    }
}

package io.atomicmigrate.sandbox.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atomicmigrate.sandbox.repository.FieldDefinition;
import io.atomicmigrate.sandbox.service.ApiException;
import io.atomicmigrate.sandbox.service.Caller;
import io.atomicmigrate.sandbox.service.FieldService;
import io.atomicmigrate.sandbox.service.Json;
import io.atomicmigrate.sandbox.service.Page;
import io.vertx.ext.web.Router;

import java.util.List;

/**
 * The v1 view of person/organization/deal fields (still supported, double cost): numeric id in
 * paths, {@code key} = the v2 {@code field_code}, PUT with the full option list, bulk DELETE ?ids=.
 */
public final class V1FieldRoutes {
    private V1FieldRoutes() {
    }

    public static void mount(Router router, FieldService fields) {
        for (String segment : List.of("personFields", "organizationFields", "dealFields")) {
            String entity = FieldService.entityOf(segment);
            String base = "/" + segment;
            V1Routes.each(router, base, router::get, ctx -> RouteSupport.locked(ctx, c -> {
                Page page = fields.listV1(c, entity, RouteSupport.query(ctx));
                Responses.v1List(ctx, page.items().stream().map(e -> render(c, entity, fields.byId(c, entity, Long.toString(e.id)))).toList(), page);
            }));
            V1Routes.each(router, base + "/:id", router::get, ctx -> RouteSupport.locked(ctx, c ->
                    Responses.ok(ctx, render(c, entity, fields.byId(c, entity, ctx.pathParam("id"))))));
            V1Routes.each(router, base, router::post, ctx -> RouteSupport.locked(ctx, c ->
                    Responses.ok(ctx, render(c, entity, fields.createV1(c, entity, RouteSupport.v1Object(ctx))))));
            V1Routes.each(router, base + "/:id", router::put, ctx -> RouteSupport.locked(ctx, c ->
                    Responses.ok(ctx, render(c, entity, fields.updateV1(c, entity, ctx.pathParam("id"), RouteSupport.v1Object(ctx))))));
            V1Routes.each(router, base + "/:id", router::delete, ctx -> RouteSupport.locked(ctx, c ->
                    Responses.ok(ctx, Json.object().put("id", fields.deleteV1(c, entity, ctx.pathParam("id"))))));
            V1Routes.each(router, base, router::delete, ctx -> RouteSupport.locked(ctx, c -> {
                String ids = ctx.request().getParam("ids");
                if (ids == null || ids.isBlank()) {
                    throw ApiException.badRequest("Parameter 'ids' is required");
                }
                for (String id : ids.split(",")) {
                    fields.byId(c, entity, id.trim());
                }
                ArrayNode deleted = Json.array();
                for (String id : ids.split(",")) {
                    deleted.add(fields.deleteV1(c, entity, id.trim()));
                }
                ObjectNode data = Json.object();
                data.set("id", deleted);
                Responses.ok(ctx, data);
            }));
        }
    }

    private static ObjectNode render(Caller c, String entity, FieldDefinition f) {
        return FieldService.renderV1(f, c.account().fields.get(entity).indexOf(f) + 1);
    }
}

package io.atomicmigrate.sandbox.rest;

import com.fasterxml.jackson.databind.node.BooleanNode;
import io.atomicmigrate.sandbox.service.NoteService;
import io.atomicmigrate.sandbox.service.Page;
import io.vertx.ext.web.Router;

/** v1 notes: POST/PUT answer 200 with the note, DELETE answers {"data": true}. */
public final class NoteRoutes {
    private NoteRoutes() {
    }

    public static void mount(Router router, NoteService notes) {
        V1Routes.each(router, "/notes", router::get, ctx -> RouteSupport.locked(ctx, c -> {
            Page page = notes.list(c, RouteSupport.query(ctx));
            Responses.v1List(ctx, page.items().stream().map(e -> notes.render(c, e)).toList(), page);
        }));
        V1Routes.each(router, "/notes/:id", router::get, ctx -> RouteSupport.locked(ctx, c ->
                Responses.ok(ctx, notes.render(c, notes.get(c, ctx.pathParam("id"))))));
        V1Routes.each(router, "/notes", router::post, ctx -> RouteSupport.locked(ctx, c ->
                Responses.ok(ctx, notes.render(c, notes.add(c, RouteSupport.v1Object(ctx))))));
        V1Routes.each(router, "/notes/:id", router::put, ctx -> RouteSupport.locked(ctx, c ->
                Responses.ok(ctx, notes.render(c, notes.update(c, ctx.pathParam("id"), RouteSupport.v1Object(ctx))))));
        V1Routes.each(router, "/notes/:id", router::delete, ctx -> RouteSupport.locked(ctx, c -> {
            notes.delete(c, ctx.pathParam("id"));
            Responses.ok(ctx, BooleanNode.TRUE);
        }));
    }
}

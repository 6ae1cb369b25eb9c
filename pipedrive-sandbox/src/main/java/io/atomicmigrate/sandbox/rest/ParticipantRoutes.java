package io.atomicmigrate.sandbox.rest;

import io.atomicmigrate.sandbox.service.Json;
import io.atomicmigrate.sandbox.service.Page;
import io.atomicmigrate.sandbox.service.ParticipantService;
import io.vertx.ext.web.Router;

/** {@code /v1/deals/{id}/participants[/{deal_participant_id}]}. */
public final class ParticipantRoutes {
    private ParticipantRoutes() {
    }

    public static void mount(Router router, ParticipantService participants) {
        V1Routes.each(router, "/deals/:id/participants", router::get, ctx -> RouteSupport.locked(ctx, c -> {
            Page page = participants.list(c, ctx.pathParam("id"), RouteSupport.query(ctx));
            Responses.v1List(ctx, page.items().stream().map(p -> ParticipantService.render(c.account(), p)).toList(), page);
        }));
        V1Routes.each(router, "/deals/:id/participants", router::post, ctx -> RouteSupport.locked(ctx, c ->
                Responses.ok(ctx, ParticipantService.render(c.account(),
                        participants.add(c, ctx.pathParam("id"), RouteSupport.v1Object(ctx))))));
        V1Routes.each(router, "/deals/:id/participants/:pid", router::delete, ctx -> RouteSupport.locked(ctx, c ->
                Responses.ok(ctx, Json.object().put("id", participants.delete(c, ctx.pathParam("id"), ctx.pathParam("pid"))))));
    }
}

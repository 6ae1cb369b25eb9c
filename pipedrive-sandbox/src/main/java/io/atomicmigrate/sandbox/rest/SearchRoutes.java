package io.atomicmigrate.sandbox.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atomicmigrate.sandbox.service.Json;
import io.atomicmigrate.sandbox.service.SearchService;
import io.vertx.ext.web.Router;

/** {@code GET /api/v2/{persons,organizations,deals}/search}: data.items[] = {result_score, item}. */
public final class SearchRoutes {
    private SearchRoutes() {
    }

    public static void mount(Router router, SearchService search) {
        mount(router, "/api/v2/persons/search", search, SearchService.Kind.PERSON);
        mount(router, "/api/v2/organizations/search", search, SearchService.Kind.ORGANIZATION);
        mount(router, "/api/v2/deals/search", search, SearchService.Kind.DEAL);
        mount(router, "/api/v2/leads/search", search, SearchService.Kind.LEAD);
        router.get("/api/v2/itemSearch").handler(ctx -> RouteSupport.locked(ctx, c -> {
            SearchService.Result r = search.searchItems(c, RouteSupport.query(ctx));
            ObjectNode body = Json.object().put("success", true);
            ArrayNode items = body.putObject("data").putArray("items");
            r.page().items().forEach(e -> items.add(search.render(c, r.kinds().get(e), e, r.scores())));
            body.putObject("additional_data").put("next_cursor", r.page().nextCursor());
            Responses.json(ctx, 200, body);
        }));
        router.get("/api/v2/itemSearch/field").handler(ctx -> RouteSupport.locked(ctx, c -> {
            String[] next = new String[1];
            Responses.v2List(ctx, search.searchField(c, RouteSupport.query(ctx), next), next[0]);
        }));
    }

    private static void mount(Router router, String path, SearchService search, SearchService.Kind kind) {
        router.get(path).handler(ctx -> RouteSupport.locked(ctx, c -> {
            SearchService.Result r = search.search(c, kind, RouteSupport.query(ctx));
            ObjectNode body = Json.object().put("success", true);
            ArrayNode items = body.putObject("data").putArray("items");
            r.page().items().forEach(e -> items.add(search.render(c, kind, e, r.scores())));
            body.putObject("additional_data").put("next_cursor", r.page().nextCursor());
            Responses.json(ctx, 200, body);
        }));
    }
}

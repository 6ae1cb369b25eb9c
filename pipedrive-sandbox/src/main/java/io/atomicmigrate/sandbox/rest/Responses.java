package io.atomicmigrate.sandbox.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atomicmigrate.sandbox.service.ApiException;
import io.atomicmigrate.sandbox.service.Json;
import io.atomicmigrate.sandbox.service.Page;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

import java.util.List;

/** The success and error envelopes of PIPEDRIVE.md 1.5 and 1.7. */
public final class Responses {
    private Responses() {
    }

    public static void json(RoutingContext ctx, int status, JsonNode body) {
        if (ctx.response().ended() || ctx.response().closed()) {
            return;
        }
        ctx.response().setStatusCode(status).putHeader("content-type", "application/json; charset=utf-8")
                .end(Buffer.buffer(Json.bytes(body)));
    }

    /** {"success":true,"data":...} for v1 and v2 singles. */
    public static void ok(RoutingContext ctx, int status, JsonNode data) {
        ObjectNode body = Json.object().put("success", true);
        body.set("data", data);
        json(ctx, status, body);
    }

    public static void ok(RoutingContext ctx, JsonNode data) {
        ok(ctx, 200, data);
    }

    /** v2 list: additional_data.next_cursor, null on the last page. */
    public static void v2List(RoutingContext ctx, List<? extends JsonNode> items, String nextCursor) {
        ObjectNode body = Json.object().put("success", true);
        ArrayNode data = body.putArray("data");
        items.forEach(data::add);
        body.putObject("additional_data").put("next_cursor", nextCursor);
        json(ctx, 200, body);
    }

    /** v1 list: pagination with next_start only when there is more. */
    public static void v1List(RoutingContext ctx, List<? extends JsonNode> items, Page page) {
        ObjectNode body = Json.object().put("success", true);
        ArrayNode data = body.putArray("data");
        items.forEach(data::add);
        ObjectNode pagination = body.putObject("additional_data").putObject("pagination");
        pagination.put("start", page.start()).put("limit", page.limit()).put("more_items_in_collection", page.more());
        if (page.more()) {
            pagination.put("next_start", page.start() + page.limit());
        }
        json(ctx, 200, body);
    }

    /** v1 unpaginated list (users, lead labels, activity types). */
    public static void v1All(RoutingContext ctx, List<? extends JsonNode> items) {
        ArrayNode data = Json.array();
        items.forEach(data::add);
        ok(ctx, data);
    }

    public static void error(RoutingContext ctx, ApiVersion version, ApiException e) {
        json(ctx, e.status, errorBody(version, e));
    }

    static ObjectNode errorBody(ApiVersion version, ApiException e) {
        ObjectNode body = Json.object().put("success", false).put("error", e.getMessage());
        if (version == ApiVersion.V2 && e.errorInfo == null) {
            // observed v2 shape: {"success":false,"error":"Validation failed: ...","code":"ERR_..."}
            if (e.code != null) {
                body.put("code", e.code);
            }
            return body;
        }
        body.put("error_info", e.errorInfo);
        body.putNull("data");
        body.putNull("additional_data");
        if (e.code != null && (version == ApiVersion.V2 || e.code.startsWith("feature_capping"))) {
            body.put("code", e.code);
        }
        return body;
    }

    public static ObjectNode unauthorized() {
        return Json.object().put("success", false).put("error", "unauthorized access").put("errorCode", 401);
    }

    public static ObjectNode dailyBudgetExceeded() {
        return Json.object().put("success", false).put("error", "daily request budget exceeded").put("errorCode", 429);
    }

    public static ObjectNode burstLimited() {
        return Json.object().put("success", false).put("error", "Request over limit").put("errorCode", 429);
    }

    public static ObjectNode paymentRequired() {
        return Json.object().put("success", false).put("error", "Company account is not open")
                .put("error_info", "Please check developers.pipedrive.com").putNull("data").putNull("additional_data");
    }

    public static ObjectNode serverError(ApiVersion version, int status) {
        if (version == ApiVersion.V2) {
            return Json.object().put("success", false).put("error", "Internal Server Error").put("code", "ERR_UNKNOWN");
        }
        return Json.object().put("success", false).put("error", status == 503 ? "Service unavailable" : "Requested service is not available")
                .put("error_info", "Please check developers.pipedrive.com").putNull("data").putNull("additional_data");
    }

    /** The Cloudflare-like abuse block: HTML, not JSON (D: RL). */
    public static final String BLOCK_HTML = "<!DOCTYPE html>\n<html><head><title>Access denied | api.pipedrive.com used Cloudflare to restrict access</title></head>"
            + "<body><h1>Error 1015</h1><h2>You are being rate limited</h2>"
            + "<p>The owner of this website (api.pipedrive.com) has banned you temporarily from accessing this website.</p></body></html>\n";

    public static void blocked(RoutingContext ctx) {
        ctx.response().setStatusCode(403).putHeader("content-type", "text/html; charset=UTF-8").end(BLOCK_HTML);
    }
}

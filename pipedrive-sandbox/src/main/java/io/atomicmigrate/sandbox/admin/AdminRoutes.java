package io.atomicmigrate.sandbox.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.atomicmigrate.sandbox.config.AccountSpec;
import io.atomicmigrate.sandbox.config.UserSpec;
import io.atomicmigrate.sandbox.service.FaultRule;
import io.atomicmigrate.sandbox.service.Json;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.time.Duration;
import java.time.Instant;
import java.util.NoSuchElementException;

/**
 * The HTTP face of {@link SandboxAdmin} under {@code /__sandbox}, guarded by the admin token
 * (header {@code x-admin-token} or {@code Authorization: Bearer}); never mixed with Pipedrive routes.
 */
public final class AdminRoutes {
    public static final String PREFIX = "/__sandbox";

    private AdminRoutes() {
    }

    @FunctionalInterface
    private interface Body {
        Object run(RoutingContext ctx) throws Exception;
    }

    public static void mount(Router router, SandboxAdmin admin, String adminToken) {
        router.route(PREFIX + "/*").handler(ctx -> {
            String t = ctx.request().getHeader("x-admin-token");
            String auth = ctx.request().getHeader("Authorization");
            if (t == null && auth != null && auth.startsWith("Bearer ")) {
                t = auth.substring(7);
            }
            if (!adminToken.equals(t)) {
                reply(ctx, 401, Json.object().put("error", "admin token required"));
                return;
            }
            ctx.next();
        });
        String acc = PREFIX + "/accounts/:domain";
        router.get(PREFIX + "/accounts").handler(h(ctx -> admin.accounts()));
        router.post(PREFIX + "/accounts").handler(h(ctx -> admin.createAccount(read(ctx, AccountSpec.class))));
        router.get(acc).handler(h(ctx -> admin.account(ctx.pathParam("domain"))));
        router.patch(acc).handler(h(ctx -> admin.updateAccount(ctx.pathParam("domain"), tree(ctx))));
        router.delete(acc).handler(h(ctx -> {
            admin.deleteAccount(ctx.pathParam("domain"));
            return Json.object().put("deleted", true);
        }));
        router.post(acc + "/reset").handler(h(ctx -> admin.resetAccount(ctx.pathParam("domain"))));
        router.post(acc + "/users").handler(h(ctx -> admin.addUser(ctx.pathParam("domain"), read(ctx, UserSpec.class))));
        router.get(acc + "/entities/:type").handler(h(ctx -> {
            var rows = admin.entities(ctx.pathParam("domain"), ctx.pathParam("type"));
            // ?include_deleted=false leaves out soft-deleted rows (default: everything stored)
            if ("false".equals(ctx.request().getParam("include_deleted"))) {
                rows = rows.stream().filter(r -> r.path("deleted_at").isNull()).toList();
            }
            return rows;
        }));
        router.get(acc + "/export").handler(h(ctx -> admin.export(ctx.pathParam("domain"))));
        router.get(acc + "/counters").handler(h(ctx -> admin.counters(ctx.pathParam("domain"))));
        router.get(acc + "/requests").handler(h(ctx -> admin.requestLog(ctx.pathParam("domain"))));
        router.get(acc + "/faults").handler(h(ctx -> admin.faults(ctx.pathParam("domain"))));
        router.post(acc + "/faults").handler(h(ctx -> {
            JsonNode body = tree(ctx);
            ArrayNode rules = body.isArray() ? (ArrayNode) body : Json.array().add(body);
            for (JsonNode r : rules) {
                admin.addFault(ctx.pathParam("domain"), Json.MAPPER.treeToValue(r, FaultRule.class));
            }
            return admin.faults(ctx.pathParam("domain"));
        }));
        router.delete(acc + "/faults").handler(h(ctx -> {
            admin.clearFaults(ctx.pathParam("domain"));
            return Json.array();
        }));
        router.get(PREFIX + "/clock").handler(h(ctx -> clock(admin)));
        router.post(PREFIX + "/clock/advance").handler(h(ctx -> {
            admin.advanceClock(Duration.ofMillis((long) (tree(ctx).path("seconds").asDouble() * 1000)));
            return clock(admin);
        }));
        router.post(PREFIX + "/clock/freeze").handler(h(ctx -> {
            JsonNode at = tree(ctx).get("at");
            if (at != null && at.isTextual()) {
                admin.clock().freezeAt(Instant.parse(at.asText()));
            } else {
                admin.clock().freeze();
            }
            return clock(admin);
        }));
        router.post(PREFIX + "/clock/unfreeze").handler(h(ctx -> {
            admin.clock().unfreeze();
            return clock(admin);
        }));
        router.post(PREFIX + "/purge").handler(h(ctx -> Json.object().put("purged", admin.purgeNow())));
        router.post(PREFIX + "/snapshot").handler(h(ctx -> {
            admin.saveSnapshot();
            return Json.object().put("saved", true);
        }));
    }

    private static Object clock(SandboxAdmin admin) {
        return Json.object().put("now", admin.clock().now().toString()).put("frozen", admin.clock().isFrozen());
    }

    private static Handler<RoutingContext> h(Body body) {
        return ctx -> {
            try {
                reply(ctx, 200, body.run(ctx));
            } catch (NoSuchElementException e) {
                reply(ctx, 404, Json.object().put("error", e.getMessage()));
            } catch (IllegalArgumentException | com.fasterxml.jackson.core.JsonProcessingException e) {
                reply(ctx, 400, Json.object().put("error", String.valueOf(e.getMessage())));
            } catch (Exception e) {
                reply(ctx, 500, Json.object().put("error", String.valueOf(e)));
            }
        };
    }

    private static JsonNode tree(RoutingContext ctx) throws Exception {
        return ctx.body() == null || ctx.body().length() == 0 ? Json.object() : Json.MAPPER.readTree(ctx.body().buffer().getBytes());
    }

    private static <T> T read(RoutingContext ctx, Class<T> type) throws Exception {
        return Json.MAPPER.treeToValue(tree(ctx), type);
    }

    private static void reply(RoutingContext ctx, int status, Object body) {
        ctx.response().setStatusCode(status).putHeader("content-type", "application/json")
                .end(Buffer.buffer(Json.bytes(body)));
    }
}

package io.atomicmigrate.sandbox.rest;

import io.atomicmigrate.sandbox.config.Behaviour;
import io.atomicmigrate.sandbox.repository.Account;
import io.atomicmigrate.sandbox.service.AccountService;
import io.atomicmigrate.sandbox.service.Caller;
import io.atomicmigrate.sandbox.service.FaultInjector;
import io.atomicmigrate.sandbox.service.FaultRule;
import io.atomicmigrate.sandbox.service.RateLimitService;
import io.atomicmigrate.sandbox.service.RequestCounters;
import io.atomicmigrate.sandbox.service.SandboxClock;
import io.atomicmigrate.sandbox.service.Timestamps;
import io.atomicmigrate.sandbox.service.TokenCostTable;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;

/**
 * The front door of every Pipedrive route: authentication (401), closed account (402), token cost
 * lookup from the spec, fault injection, rate limiting with the x-ratelimit-* headers on every
 * response, and per-account counters. Route handlers behind it find the {@link Caller} in the context.
 */
public final class ApiGateway implements Handler<RoutingContext> {
    public static final String CALLER = "sandbox.caller";
    public static final String VERSION = "sandbox.version";

    private final Vertx vertx;
    private final AccountService accounts;
    private final TokenCostTable costs;
    private final RateLimitService limits;
    private final FaultInjector faults;
    private final Map<Long, RequestCounters> counters;
    private final SandboxClock clock;
    private final Behaviour behaviour;

    public ApiGateway(Vertx vertx, AccountService accounts, TokenCostTable costs, RateLimitService limits,
                      FaultInjector faults, Map<Long, RequestCounters> counters, SandboxClock clock, Behaviour behaviour) {
        this.vertx = vertx;
        this.accounts = accounts;
        this.costs = costs;
        this.limits = limits;
        this.faults = faults;
        this.counters = counters;
        this.clock = clock;
        this.behaviour = behaviour;
    }

    public static RequestCounters countersOf(Map<Long, RequestCounters> all, Account a) {
        return all.computeIfAbsent(a.companyId, id -> new RequestCounters());
    }

    /** {@code /api/v2/persons/1} → V2 and {@code /persons/1}; {@code /api/v1/...} and {@code /v1/...} → V1. */
    static String[] split(String path) {
        if (path.startsWith("/api/v2/")) {
            return new String[]{"2", path.substring(7)};
        }
        if (path.startsWith("/api/v1/")) {
            return new String[]{"1", path.substring(7)};
        }
        if (path.startsWith("/v1/")) {
            return new String[]{"1", path.substring(3)};
        }
        return null;
    }

    @Override
    public void handle(RoutingContext ctx) {
        String[] split = split(ctx.normalizedPath());
        ApiVersion version = "2".equals(split[0]) ? ApiVersion.V2 : ApiVersion.V1;
        ctx.put(VERSION, version);
        String method = ctx.request().method().name();
        String token = token(ctx);
        Account account = accounts.byToken(token).orElse(null);
        if (account == null) {
            Responses.json(ctx, 401, Responses.unauthorized());
            return;
        }
        Account.TokenGrant grant = account.tokens.get(token);
        if (grant == null) {
            Responses.json(ctx, 401, Responses.unauthorized());
            return;
        }
        TokenCostTable.Operation op = costs.find(version.number, method, split[1]).orElse(null);
        int cost = op == null ? 0 : op.cost();
        RequestCounters counter = countersOf(counters, account);
        String[] fault = new String[1];
        Long[] countedAt = new Long[1];
        ctx.addBodyEndHandler(v -> counter.record(new RequestCounters.LoggedRequest(Timestamps.v2(clock.now()), method,
                ctx.normalizedPath(), op == null ? null : op.operationId(), sha256(ctx.body() == null ? null : ctx.body().buffer()),
                token, grant.userId(), cost, ctx.response().getStatusCode(), fault[0], countedAt[0])));
        if (!account.open) {
            Responses.json(ctx, 402, Responses.paymentRequired());
            return;
        }
        FaultInjector.Plan plan = faults.plan(account.companyId, method, ctx.normalizedPath());
        Caller caller = new Caller(account, grant.userId(), accounts.isAdmin(account, grant.userId()), grant.oauth(), token);
        Runnable proceed = () -> admit(ctx, version, account, caller, op, cost, plan.failure(), fault, countedAt);
        if (plan.delayMs() > 0) {
            fault[0] = "LATENCY";
            vertx.setTimer(plan.delayMs(), id -> proceed.run());
        } else {
            proceed.run();
        }
    }

    private void admit(RoutingContext ctx, ApiVersion version, Account account, Caller caller,
                       TokenCostTable.Operation op, int cost, FaultRule failure, String[] fault, Long[] countedAt) {
        if (failure != null) {
            fault[0] = failure.kind.name();
            if (injectFailure(ctx, version, failure)) {
                return;
            }
        }
        countedAt[0] = clock.millis();
        RateLimitService.Decision d = limits.admit(account, caller.token(), caller.oauth(), cost, op != null && op.isSearch());
        d.headers().forEach((k, v) -> ctx.response().putHeader(k, v));
        switch (d.verdict()) {
            case ADMITTED -> {
                ctx.put(CALLER, caller);
                ctx.next();
            }
            case BURST_LIMITED -> Responses.json(ctx, 429, Responses.burstLimited());
            case DAILY_EXHAUSTED -> Responses.json(ctx, 429, Responses.dailyBudgetExceeded());
            case BLOCKED -> {
                countersOf(counters, account).recordBlocked();
                Responses.blocked(ctx);
            }
        }
    }

    /** Returns true when the request was answered (or dropped) by the fault. */
    private boolean injectFailure(RoutingContext ctx, ApiVersion version, FaultRule f) {
        switch (f.kind) {
            case STATUS -> {
                int status = f.status == null ? 500 : f.status;
                Responses.json(ctx, status, Responses.serverError(version, status));
            }
            case TIMEOUT -> {
                long hold = f.latencyMs == null ? 60_000 : f.latencyMs;
                vertx.setTimer(hold, id -> ctx.request().connection().close());
            }
            case RESET -> ctx.request().connection().close();
            case FORCE_429_BURST -> {
                ctx.response().putHeader("x-ratelimit-limit", "40").putHeader("x-ratelimit-remaining", "0")
                        .putHeader("x-ratelimit-reset", "10").putHeader("retry-after", "10");
                Responses.json(ctx, 429, Responses.burstLimited());
            }
            case FORCE_429_DAILY -> {
                ctx.response().putHeader("retry-after", "3600");
                Responses.json(ctx, 429, Responses.dailyBudgetExceeded());
            }
            case UNAUTHORIZED_401 -> Responses.json(ctx, 401, Responses.unauthorized());
            case PAYMENT_REQUIRED_402 -> Responses.json(ctx, 402, Responses.paymentRequired());
            case BLOCK_403 -> Responses.blocked(ctx);
            case MALFORMED_JSON -> ctx.response().setStatusCode(200).putHeader("content-type", "application/json")
                    .end("{\"success\":true,\"data\":{\"id\":");
            case LATENCY -> {
                return false;
            }
        }
        return true;
    }

    private String token(RoutingContext ctx) {
        String t = ctx.request().getHeader("x-api-token");
        if (t != null && !t.isBlank()) {
            return t.trim();
        }
        String auth = ctx.request().getHeader("Authorization");
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return auth.substring(7).trim();
        }
        if (behaviour.acceptQueryToken) {
            return ctx.request().getParam("api_token");
        }
        return null;
    }

    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    private static String sha256(Buffer body) {
        if (body == null || body.length() == 0) {
            return null;
        }
        return HexFormat.of().formatHex(SHA256.get().digest(body.getBytes()));
    }
}

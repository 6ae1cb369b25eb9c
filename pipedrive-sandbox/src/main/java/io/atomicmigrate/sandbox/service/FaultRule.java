package io.atomicmigrate.sandbox.service;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One fault to inject into an account's traffic (checklist 24). A rule matches by optional method
 * and path regex, then fires with {@code probability}, or exactly on the {@code nth} matching
 * request, at most {@code times} times (null = unlimited).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class FaultRule {
    public enum Kind {
        /** HTTP error with Pipedrive's v2 500 body (or v1 generic body); {@code status} 500/502/503. */
        STATUS,
        /** Added latency {@code latencyMs} + uniform random up to {@code jitterMs}; the call then proceeds. */
        LATENCY,
        /** No response at all: the connection is held open, then closed after {@code latencyMs} (default 60 s). */
        TIMEOUT,
        /** The connection is closed without a response. */
        RESET,
        /** A burst-limit 429 as the limiter would send it. */
        FORCE_429_BURST,
        /** A daily-budget 429. */
        FORCE_429_DAILY,
        UNAUTHORIZED_401,
        PAYMENT_REQUIRED_402,
        /** The Cloudflare-like 403 HTML page. */
        BLOCK_403,
        /** 200 with a body that is not valid JSON. */
        MALFORMED_JSON
    }

    public Kind kind = Kind.STATUS;
    public Integer status;
    public String method;
    public String pathRegex;
    public Double probability;
    public Long nth;
    public Long times;
    public Long latencyMs;
    public Long jitterMs;

    /** Requests this rule has matched so far (for nth) and faults it has fired. */
    public long matched;
    public long fired;

    public static FaultRule of(Kind kind) {
        FaultRule r = new FaultRule();
        r.kind = kind;
        return r;
    }

    public FaultRule status(int status) {
        this.status = status;
        return this;
    }

    public FaultRule probability(double p) {
        this.probability = p;
        return this;
    }

    public FaultRule nth(long n) {
        this.nth = n;
        return this;
    }

    public FaultRule times(long n) {
        this.times = n;
        return this;
    }

    public FaultRule method(String m) {
        this.method = m;
        return this;
    }

    public FaultRule path(String regex) {
        this.pathRegex = regex;
        return this;
    }

    public FaultRule latency(long fixedMs, long jitterMs) {
        this.latencyMs = fixedMs;
        this.jitterMs = jitterMs;
        return this;
    }
}

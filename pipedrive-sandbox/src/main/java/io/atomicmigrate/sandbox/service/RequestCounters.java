package io.atomicmigrate.sandbox.service;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What arrived at one account (checklist 25): calls and statuses per operation, 429s, faults
 * injected, and a bounded request log, so tests assert on traffic rather than on logs.
 */
public final class RequestCounters {
    public static final int LOG_CAPACITY = 10_000;

    /**
     * One logged call. {@code bodySha256} is of the request body (null when empty). {@code time} is
     * when the answer was sent, in Pipedrive's second precision; {@code countedAtMillis} is when the
     * rate limiter counted the call (epoch ms; null when it never got that far, e.g. a bad token), the
     * instant a rolling burst window sees.
     */
    public record LoggedRequest(String time, String method, String path, String operationId, String bodySha256,
                                String token, long userId, int cost, int status, String fault, Long countedAtMillis) {
    }

    private final Map<String, LongAdder> byOperation = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> byOperationStatus = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> faults = new ConcurrentHashMap<>();
    private final LongAdder rateLimited = new LongAdder();
    private final LongAdder blocked = new LongAdder();
    private final ArrayDeque<LoggedRequest> log = new ArrayDeque<>();

    public void record(LoggedRequest r) {
        String op = r.operationId() == null ? "unknown" : r.operationId();
        byOperation.computeIfAbsent(op, k -> new LongAdder()).increment();
        byOperationStatus.computeIfAbsent(op + " " + r.status(), k -> new LongAdder()).increment();
        if (r.status() == 429) {
            rateLimited.increment();
        }
        if (r.fault() != null) {
            faults.computeIfAbsent(r.fault(), k -> new LongAdder()).increment();
        }
        synchronized (log) {
            if (log.size() == LOG_CAPACITY) {
                log.pollFirst();
            }
            log.addLast(r);
        }
    }

    public void recordBlocked() {
        blocked.increment();
    }

    public Map<String, Object> summary() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("requests_by_operation", snapshot(byOperation));
        m.put("requests_by_operation_and_status", snapshot(byOperationStatus));
        m.put("rate_limited_429", rateLimited.sum());
        m.put("blocked_403", blocked.sum());
        m.put("faults_injected", snapshot(faults));
        return m;
    }

    public long calls(String operationId) {
        LongAdder a = byOperation.get(operationId);
        return a == null ? 0 : a.sum();
    }

    public long count429() {
        return rateLimited.sum();
    }

    public long faultsInjected() {
        return faults.values().stream().mapToLong(LongAdder::sum).sum();
    }

    public List<LoggedRequest> log() {
        synchronized (log) {
            return new ArrayList<>(log);
        }
    }

    private static Map<String, Long> snapshot(Map<String, LongAdder> m) {
        Map<String, Long> out = new TreeMap<>();
        m.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }
}

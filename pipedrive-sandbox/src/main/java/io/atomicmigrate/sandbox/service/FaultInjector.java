package io.atomicmigrate.sandbox.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Per-account fault rules, changeable at run time through the admin API. Default: none. Latency
 * rules add up; of the failing rules the first that fires wins.
 */
public final class FaultInjector {
    /** What to do to one request: extra delay, and optionally a failure. */
    public record Plan(long delayMs, FaultRule failure) {
        static final Plan NONE = new Plan(0, null);
    }

    private final Map<Long, List<FaultRule>> rules = new ConcurrentHashMap<>();
    private final Random random;

    public FaultInjector(long seed) {
        this.random = new Random(seed);
    }

    public void add(long companyId, FaultRule rule) {
        rules.computeIfAbsent(companyId, id -> new CopyOnWriteArrayList<>()).add(rule);
    }

    public void clear(long companyId) {
        rules.remove(companyId);
    }

    public List<FaultRule> rules(long companyId) {
        return new ArrayList<>(rules.getOrDefault(companyId, List.of()));
    }

    public Plan plan(long companyId, String method, String path) {
        List<FaultRule> list = rules.get(companyId);
        if (list == null || list.isEmpty()) {
            return Plan.NONE;
        }
        long delay = 0;
        FaultRule failure = null;
        synchronized (list) {
            for (FaultRule r : list) {
                if (!matches(r, method, path)) {
                    continue;
                }
                r.matched++;
                if (r.times != null && r.fired >= r.times) {
                    continue;
                }
                boolean fire = r.nth != null ? r.matched == r.nth
                        : r.probability == null || random.nextDouble() < r.probability;
                if (!fire) {
                    continue;
                }
                if (r.kind == FaultRule.Kind.LATENCY) {
                    r.fired++;
                    long jitter = r.jitterMs == null || r.jitterMs <= 0 ? 0 : (long) (random.nextDouble() * r.jitterMs);
                    delay += (r.latencyMs == null ? 0 : r.latencyMs) + jitter;
                } else if (failure == null) {
                    r.fired++;
                    failure = r;
                }
            }
        }
        return delay == 0 && failure == null ? Plan.NONE : new Plan(delay, failure);
    }

    private static boolean matches(FaultRule r, String method, String path) {
        return (r.method == null || r.method.equalsIgnoreCase(method))
                && (r.pathRegex == null || path.matches(r.pathRegex));
    }
}

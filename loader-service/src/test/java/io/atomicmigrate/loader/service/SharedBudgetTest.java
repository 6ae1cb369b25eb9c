package io.atomicmigrate.loader.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.atomicmigrate.loader.client.PipedriveAccount;
import io.atomicmigrate.loader.client.PipedriveClientFactory;
import io.atomicmigrate.loader.config.LoaderConfig;
import io.atomicmigrate.loader.repository.RateBudgetRepository;
import io.atomicmigrate.loader.support.LoaderTestResource;
import io.atomicmigrate.loader.support.TestSandbox;
import io.atomicmigrate.localstack.LocalStackTestResource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Two loader instances (each its own budget client, clients and threads, sharing only Postgres)
 * hammer one account on the Lite plan (20 requests per 2 s per token): the sandbox never answers
 * 429, so the rolling window was never exceeded, and the calls still went out near the limit.
 */
@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
@WithTestResource(LoaderTestResource.class)
class SharedBudgetTest {

    @Inject
    RateBudgetRepository repository;
    @Inject
    LoaderConfig config;

    /**
     * The margin covers the scheduling jitter between a granted slot and the request reaching the
     * sandbox; this 2-core machine runs other builds at once (load average above 10), so it is wider
     * than the production default.
     */
    static LoaderConfig.Budget budget(int burstLimit) {
        return new LoaderConfig.Budget() {
            public int burstLimit() { return burstLimit; }
            public Duration burstWindow() { return Duration.ofSeconds(2); }
            public Duration burstMargin() { return Duration.ofMillis(250); }
            public long dailyTokens() { return 30_000; }
            public Map<String, Long> accountDailyTokens() { return Map.of(); }
            public int reservationBatch() { return 4; }
            public int tokenChunk() { return 100; }
            public Duration defaultPenalty() { return Duration.ofSeconds(10); }
            public Duration stateInterval() { return Duration.ofSeconds(5); }
            public Duration inFlightBound() { return Duration.ofMinutes(1); }
        };
    }

    @Test
    void twoInstancesShareTheBurstWindowAndTheDailyBudget() throws Exception {
        TestSandbox.Account a = TestSandbox.newAccount("lite");
        int callsPerInstance = 30;
        List<PipedriveAccount> instances = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            RateBudget budget = new RateBudget(repository, budget(20), new SimpleMeterRegistry(), Clock.systemUTC());
            instances.add(new PipedriveClientFactory(config.client(), budget).account(TestSandbox.get().baseUrl(), a.token()));
        }
        ExecutorService pool = Executors.newFixedThreadPool(12);
        long start = System.nanoTime();
        List<Future<?>> calls = new ArrayList<>();
        for (PipedriveAccount account : instances) {
            for (int i = 0; i < callsPerInstance; i++) {
                calls.add(pool.submit(() -> account.call("getPipelines", () -> account.v2().listPipelines(null, 10))));
            }
        }
        for (Future<?> f : calls) {
            f.get();
        }
        long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
        pool.shutdown();

        assertThat(TestSandbox.calls(a.domain(), "getPipelines")).isEqualTo(2L * callsPerInstance);
        assertThat(TestSandbox.count429(a.domain())).as("429 answers").isZero();
        // 60 calls (+2 users/me) at 20 per 2.25 s: the first 20 at once, then 20 every 2.25 s → at least 4.5 s
        assertThat(millis).isBetween(4_400L, 12_000L);
        var daily = repository.daily(a.companyId());
        assertThat(daily.spent()).isGreaterThanOrEqualTo(2L * callsPerInstance * 5);
    }
}

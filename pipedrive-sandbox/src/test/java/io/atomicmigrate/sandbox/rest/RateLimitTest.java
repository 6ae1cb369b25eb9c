package io.atomicmigrate.sandbox.rest;

import io.atomicmigrate.sandbox.ApiClient;
import io.atomicmigrate.sandbox.PipedriveSandbox;
import io.atomicmigrate.sandbox.SandboxFixture;
import io.atomicmigrate.sandbox.config.AccountSpec;
import io.atomicmigrate.sandbox.config.UserSpec;
import io.atomicmigrate.sandbox.service.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Burst window, penalty, search limit and daily budget over HTTP, with the clock frozen so the
 * 2 s window cannot slide under the test (checklist 17-21, 26).
 */
class RateLimitTest {
    static PipedriveSandbox sandbox;
    static ApiClient api;

    @BeforeAll
    static void start() {
        sandbox = SandboxFixture.start();
        api = new ApiClient(sandbox.baseUrl(), SandboxFixture.ADMIN_TOKEN);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @BeforeEach
    void freshAccountAndFrozenClock() {
        sandbox.admin().clock().freezeAt(Instant.parse("2026-03-01T12:00:00Z"));
        sandbox.admin().resetAccount("acme");
        sandbox.admin().resetAccount("globex");
        sandbox.admin().updateAccount("globex", Json.object().putNull("dailyBudget").put("plan", "lite"));
    }

    @Test
    void headersCountDownThenBurst429WithTenSecondPenalty() {
        for (int i = 1; i <= 40; i++) {
            ApiClient.Resp r = api.get("/api/v2/pipelines");
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.header("x-ratelimit-limit")).isEqualTo("40");
            assertThat(r.header("x-ratelimit-remaining")).isEqualTo(Integer.toString(40 - i));
            assertThat(r.header("x-ratelimit-reset")).isEqualTo("2");
        }
        ApiClient.Resp limited = api.get("/api/v2/pipelines");
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.header("retry-after")).isEqualTo("10");
        assertThat(limited.header("x-ratelimit-reset")).isEqualTo("10");
        assertThat(limited.header("x-ratelimit-remaining")).isEqualTo("0");
        // other tokens of the same company have their own window
        assertThat(api.withToken(SandboxFixture.USER_TOKEN).get("/api/v2/pipelines").status()).isEqualTo(200);
        sandbox.admin().clock().advance(Duration.ofMillis(9_900));
        assertThat(api.get("/api/v2/pipelines").status()).as("penalty holds past the 2 s window").isEqualTo(429);
        // that retry extended the penalty by another 10 s
        sandbox.admin().clock().advance(Duration.ofMillis(9_000));
        assertThat(api.get("/api/v2/pipelines").status()).isEqualTo(429);
        sandbox.admin().clock().advance(Duration.ofMillis(10_001));
        ApiClient.Resp again = api.get("/api/v2/pipelines");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.header("x-ratelimit-remaining")).isEqualTo("39");
        assertThat(sandbox.admin().requestCounters("acme").count429()).isEqualTo(3);
    }

    @Test
    void windowResetsAfterTwoSeconds() {
        for (int i = 0; i < 20; i++) {
            api.withToken(SandboxFixture.OTHER_TOKEN).get("/api/v2/stages");
        }
        sandbox.admin().clock().advance(Duration.ofSeconds(2));
        ApiClient.Resp r = api.withToken(SandboxFixture.OTHER_TOKEN).get("/api/v2/stages");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("x-ratelimit-limit")).isEqualTo("20");
        assertThat(r.header("x-ratelimit-remaining")).isEqualTo("19");
    }

    @Test
    void burstAccountingIsExactUnderConcurrentClients() throws Exception {
        int threads = 12;
        int perThread = 10;
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger limited = new AtomicInteger();
        Map<String, Integer> remaining = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> futures = new java.util.ArrayList<>();
        for (int t = 0; t < threads; t++) {
            futures.add(pool.submit(() -> {
                go.await();
                for (int i = 0; i < perThread; i++) {
                    ApiClient.Resp r = api.get("/api/v2/pipelines");
                    if (r.status() == 200) {
                        ok.incrementAndGet();
                        remaining.merge(r.header("x-ratelimit-remaining"), 1, Integer::sum);
                    } else if (r.status() == 429) {
                        limited.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> f : futures) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertThat(ok.get()).isEqualTo(40);
        assertThat(limited.get()).isEqualTo(threads * perThread - 40);
        // every remaining value 0..39 was handed out exactly once
        assertThat(remaining).hasSize(40).allSatisfy((k, v) -> assertThat(v).isEqualTo(1));
        assertThat(sandbox.admin().tokensSpent("acme")).as("429s cost nothing by default").isEqualTo(40L * 5);
    }

    @Test
    void searchHasItsOwnTenPerTwoSecondsLimit() {
        for (int i = 0; i < 10; i++) {
            ApiClient.Resp r = api.get("/api/v2/persons/search?term=ab");
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.header("x-ratelimit-limit")).isEqualTo("10");
        }
        assertThat(api.get("/api/v2/persons/search?term=ab").status()).isEqualTo(429);
        assertThat(api.get("/api/v2/persons").status()).as("general window untouched").isEqualTo(200);
    }

    @Test
    void dailyBudgetIsChargedByTokenCostAndRefusesUntilReset() {
        sandbox.admin().updateAccount("globex", Json.object().put("dailyBudget", 30));
        ApiClient g = api.withToken(SandboxFixture.OTHER_TOKEN);
        assertThat(g.post("/api/v2/organizations", "{\"name\":\"A\"}").status()).isEqualTo(200);   // addOrganization 5
        assertThat(g.get("/api/v2/organizations").status()).isEqualTo(200);                         // getOrganizations 10
        assertThat(g.post("/api/v1/notes", "{\"content\":\"x\",\"org_id\":1}").status()).isEqualTo(200); // addNote 10
        assertThat(sandbox.admin().tokensSpent("globex")).isEqualTo(25);
        ApiClient.Resp refused = g.get("/api/v2/organizations");
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.text()).isEqualTo("{\"success\":false,\"error\":\"daily request budget exceeded\",\"errorCode\":429}");
        assertThat(refused.header("retry-after")).isEqualTo(Long.toString(12 * 3600));
        assertThat(refused.header("x-ratelimit-remaining")).isNotEqualTo("0");
        assertThat(g.get("/api/v2/organizations/1").status()).as("a 1-token call still fits").isEqualTo(200);
        sandbox.admin().clock().advance(Duration.ofHours(12));
        assertThat(g.get("/api/v2/organizations").status()).as("server midnight resets the budget").isEqualTo(200);
        assertThat(sandbox.admin().tokensSpent("globex")).isEqualTo(10);
    }

    @Test
    void budgetFormulaUsesPlanMultiplierAndSeats() {
        sandbox.admin().createAccount(new AccountSpec("formula", null, "premium", 3, null, 1_000L, true,
                List.of(UserSpec.admin("F", "f@formula.example", "formula-token"))));
        assertThat(sandbox.admin().account("formula").path("daily_budget").asLong()).isEqualTo(30_000L * 5 * 3 + 1_000);
        ApiClient.Resp r = api.withToken("formula-token").get("/api/v2/persons");
        assertThat(r.header("x-ratelimit-limit")).isEqualTo("100");
        sandbox.admin().deleteAccount("formula");
    }

    @Test
    void keepSendingAfter429sEndsInHtml403Block() {
        sandbox.admin().updateAccount("globex", Json.object().put("plan", "lite"));
        ApiClient g = api.withToken(SandboxFixture.OTHER_TOKEN);
        int blocked = 0;
        for (int i = 0; i < 20 + 101; i++) {
            ApiClient.Resp r = g.get("/api/v2/stages");
            if (r.status() == 403) {
                blocked++;
                assertThat(r.header("content-type")).startsWith("text/html");
            }
        }
        assertThat(blocked).isEqualTo(1);
    }
}

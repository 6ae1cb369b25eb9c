package io.atomicmigrate.sandbox.rest;

import io.atomicmigrate.sandbox.ApiClient;
import io.atomicmigrate.sandbox.PipedriveSandbox;
import io.atomicmigrate.sandbox.SandboxFixture;
import io.atomicmigrate.sandbox.config.Behaviour;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The switches for behaviours PIPEDRIVE.md marks unknown, flipped away from their defaults. */
class BehaviourSwitchesTest {
    static PipedriveSandbox sandbox;
    static ApiClient admin;
    static ApiClient user;

    @BeforeAll
    static void start() {
        sandbox = PipedriveSandbox.start(SandboxFixture.config().behaviour(BehaviourSwitchesTest::flip));
        admin = new ApiClient(sandbox.baseUrl(), SandboxFixture.ADMIN_TOKEN);
        user = admin.withToken(SandboxFixture.USER_TOKEN);
        sandbox.admin().clock().freezeAt(Instant.parse("2026-05-05T10:00:00Z"));
    }

    static void flip(Behaviour b) {
        b.clampLimit = true;
        b.deletedGetIs404 = true;
        b.chargeRejectedCalls = true;
        b.requirePersonName = false;
        b.requireDealPersonOrOrg = false;
        b.addTimeAdminOnly = true;
        b.dailyHeaders = true;
        b.acceptQueryToken = false;
        b.penaltyExtendsOnViolation = false;
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void relaxedRequiredFieldsAndClampedLimit() {
        assertThat(admin.post("/api/v2/persons", "{\"owner_id\":1}").status()).isEqualTo(200);
        assertThat(admin.post("/api/v2/deals", "{\"title\":\"Alone\"}").status()).isEqualTo(200);
        assertThat(admin.get("/api/v2/persons?limit=900").status()).isEqualTo(200);
    }

    @Test
    void deletedRowsAre404() {
        long id = admin.post("/api/v2/organizations", "{\"name\":\"Gone\"}").data().path("id").asLong();
        admin.delete("/api/v2/organizations/" + id);
        assertThat(admin.get("/api/v2/organizations/" + id).status()).isEqualTo(404);
    }

    @Test
    void addTimeOnlyFromAdmins() {
        assertThat(user.post("/api/v2/persons", "{\"name\":\"Old\",\"add_time\":\"2010-01-01T00:00:00Z\"}").status()).isEqualTo(403);
        assertThat(admin.post("/api/v2/persons", "{\"name\":\"Old\",\"add_time\":\"2010-01-01T00:00:00Z\"}").status()).isEqualTo(200);
    }

    @Test
    void dailyHeadersAndNoQueryToken() {
        ApiClient.Resp r = admin.get("/api/v2/pipelines");
        assertThat(r.header("x-daily-ratelimit-token-limit")).isEqualTo(Long.toString(30_000L * 2 * 2));
        assertThat(r.header("x-daily-ratelimit-token-remaining")).isNotNull();
        assertThat(admin.withToken(null).get("/api/v2/pipelines?api_token=" + SandboxFixture.ADMIN_TOKEN).status()).isEqualTo(401);
    }

    @Test
    void rejectedCallsAreChargedAndPenaltyDoesNotExtend() {
        ApiClient globex = admin.withToken(SandboxFixture.OTHER_TOKEN);
        for (int i = 0; i < 20; i++) {
            globex.get("/api/v2/stages");
        }
        long before = sandbox.admin().tokensSpent("globex");
        assertThat(globex.get("/api/v2/stages").status()).isEqualTo(429);
        assertThat(sandbox.admin().tokensSpent("globex")).isEqualTo(before + 5);
        sandbox.admin().clock().advance(java.time.Duration.ofSeconds(5));
        assertThat(globex.get("/api/v2/stages").status()).isEqualTo(429);
        // not extended by the retry at 5 s: free again 10 s after the first violation
        sandbox.admin().clock().advance(java.time.Duration.ofMillis(5_001));
        assertThat(globex.get("/api/v2/stages").status()).isEqualTo(200);
    }
}

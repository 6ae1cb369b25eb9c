package io.atomicmigrate.sandbox.rest;

import io.atomicmigrate.sandbox.ApiClient;
import io.atomicmigrate.sandbox.PipedriveSandbox;
import io.atomicmigrate.sandbox.SandboxFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Checklist 1-2: prefixes, 404/405, the three ways to pass a token, 401 body, users/me. */
class RoutingAndAuthTest {
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

    @Test
    void missingOrWrongTokenIs401WithPipedriveBody() {
        for (ApiClient c : new ApiClient[]{api.withToken(null), api.withToken("nope")}) {
            ApiClient.Resp r = c.get("/api/v2/persons");
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.text()).isEqualTo("{\"success\":false,\"error\":\"unauthorized access\",\"errorCode\":401}");
        }
    }

    @Test
    void bearerAndQueryTokensAreAccepted() throws Exception {
        var bearer = ApiClient.HTTP.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(sandbox.baseUrl() + "/api/v1/users/me"))
                .header("Authorization", "Bearer " + SandboxFixture.OAUTH_TOKEN).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(bearer.statusCode()).isEqualTo(200);
        // OAuth tokens get the OAuth burst limit of the plan (Growth: 160)
        assertThat(bearer.headers().firstValue("x-ratelimit-limit")).contains("160");
        ApiClient.Resp q = api.withToken(null).get("/api/v1/users/me?api_token=" + SandboxFixture.USER_TOKEN);
        assertThat(q.status()).isEqualTo(200);
        assertThat(q.data().path("email").asText()).isEqualTo("uma@acme.example");
    }

    @Test
    void tokenSelectsAccountAndUser() {
        ApiClient.Resp me = api.get("/api/v1/users/me");
        assertThat(me.data().path("company_domain").asText()).isEqualTo("acme");
        assertThat(me.data().path("is_you").asBoolean()).isTrue();
        assertThat(me.data().path("has_created_company").asBoolean()).isTrue();
        ApiClient.Resp other = api.withToken(SandboxFixture.OTHER_TOKEN).get("/v1/users/me");
        assertThat(other.data().path("company_domain").asText()).isEqualTo("globex");
    }

    @Test
    void unknownRouteIs404AndWrongMethodIs405() {
        assertThat(api.get("/api/v2/nothing-here").status()).isEqualTo(404);
        assertThat(api.get("/api/v1/nothing-here").json().path("success").asBoolean(true)).isFalse();
        assertThat(api.method("PUT", "/api/v2/persons/1").status()).isEqualTo(405);
        assertThat(api.method("PATCH", "/api/v1/notes/1").status()).isEqualTo(405);
    }

    @Test
    void v1IsServedUnderBothPrefixes() {
        assertThat(api.get("/api/v1/activityTypes").status()).isEqualTo(200);
        assertThat(api.get("/v1/activityTypes").status()).isEqualTo(200);
    }

    @Test
    void healthIsUp() {
        ApiClient.Resp r = api.withToken(null).get("/q/health");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("status").asText()).isEqualTo("UP");
    }

    @Test
    void closedAccountIs402() {
        sandbox.admin().updateAccount("globex", io.atomicmigrate.sandbox.service.Json.object().put("open", false));
        try {
            assertThat(api.withToken(SandboxFixture.OTHER_TOKEN).get("/api/v2/persons").status()).isEqualTo(402);
        } finally {
            sandbox.admin().updateAccount("globex", io.atomicmigrate.sandbox.service.Json.object().put("open", true));
        }
    }
}

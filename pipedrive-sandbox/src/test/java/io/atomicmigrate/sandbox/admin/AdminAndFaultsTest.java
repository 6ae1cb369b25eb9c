package io.atomicmigrate.sandbox.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.atomicmigrate.sandbox.ApiClient;
import io.atomicmigrate.sandbox.PipedriveSandbox;
import io.atomicmigrate.sandbox.SandboxFixture;
import io.atomicmigrate.sandbox.service.FaultRule;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The /__sandbox admin API and fault injection (checklist 23-26). */
class AdminAndFaultsTest {
    static PipedriveSandbox sandbox;
    static ApiClient api;

    @BeforeAll
    static void start() {
        sandbox = SandboxFixture.startWithoutLimits(c -> c.adminToken("let-me-in"));
        api = new ApiClient(sandbox.baseUrl(), SandboxFixture.ADMIN_TOKEN);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @BeforeEach
    void noFaults() {
        sandbox.admin().clearFaults("acme");
    }

    /** The admin API takes its own token, not a Pipedrive one. */
    static ApiClient.Resp adminCall(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + path)).header("x-admin-token", "let-me-in")
                .header("content-type", "application/json");
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> r = ApiClient.HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new ApiClient.Resp(r.statusCode(), r.headers().map(), r.body(), io.atomicmigrate.sandbox.service.Json.MAPPER.readTree(r.body()));
    }

    @Test
    void adminApiNeedsItsToken() {
        assertThat(api.get("/__sandbox/accounts").status()).isEqualTo(401);
    }

    @Test
    void createAccountWithUsersPlansAndTokensOverHttp() throws Exception {
        ApiClient.Resp created = adminCall("POST", "/__sandbox/accounts", """
                {"companyDomain":"wayne","plan":"ultimate","seats":4,
                 "users":[{"name":"Bruce","email":"bruce@wayne.example","apiToken":"wayne-token"}]}""");
        assertThat(created.status()).as(created.text()).isEqualTo(200);
        assertThat(created.json().path("daily_budget").asLong()).isEqualTo(30_000L * 7 * 4);
        ApiClient.Resp user = adminCall("POST", "/__sandbox/accounts/wayne/users",
                "{\"name\":\"Alfred\",\"email\":\"alfred@wayne.example\",\"admin\":false,\"apiToken\":\"alfred-token\"}");
        assertThat(user.json().path("admin").asBoolean()).isFalse();
        ApiClient wayne = api.withToken("alfred-token");
        assertThat(wayne.get("/api/v1/users/me").data().path("company_domain").asText()).isEqualTo("wayne");
        assertThat(wayne.get("/api/v2/pipelines").data().get(0).path("name").asText()).isEqualTo("Pipeline");
        assertThat(wayne.get("/api/v2/stages").data()).hasSize(5);
        assertThat(adminCall("POST", "/__sandbox/accounts", "{\"companyDomain\":\"wayne\"}").status()).isEqualTo(400);
        assertThat(adminCall("DELETE", "/__sandbox/accounts/wayne", null).status()).isEqualTo(200);
        assertThat(wayne.get("/api/v1/users/me").status()).isEqualTo(401);
    }

    @Test
    void countersAndRequestLogShowWhatArrived() throws Exception {
        api.post("/api/v2/persons", "{\"name\":\"Counted\"}");
        api.get("/api/v2/persons");
        ApiClient.Resp c = adminCall("GET", "/__sandbox/accounts/acme/counters", null);
        JsonNode ops = c.json().path("requests_by_operation");
        assertThat(ops.path("addPerson").asLong()).isPositive();
        assertThat(ops.path("getPersons").asLong()).isPositive();
        assertThat(c.json().path("requests_by_operation_and_status").path("addPerson 200").asLong()).isPositive();
        assertThat(c.json().path("tokens_spent").asLong()).isPositive();
        assertThat(c.json().path("entity_counts").path("person").path("total").asLong()).isPositive();
        var log = sandbox.admin().requestLog("acme");
        var last = log.get(log.size() - 1);
        assertThat(last.operationId()).isEqualTo("getPersons");
        assertThat(last.cost()).isEqualTo(10);
        assertThat(log.stream().filter(l -> l.operationId() != null && l.operationId().equals("addPerson")).findFirst().orElseThrow().bodySha256())
                .hasSize(64);
        ApiClient.Resp entities = adminCall("GET", "/__sandbox/accounts/acme/entities/person", null);
        assertThat(entities.json().isArray()).isTrue();
        assertThat(adminCall("GET", "/__sandbox/accounts/acme/export", null).json().path("entities").has("deal")).isTrue();
    }

    @Test
    void statusFaultsUseV2AndV1ErrorBodies() {
        sandbox.admin().addFault("acme", FaultRule.of(FaultRule.Kind.STATUS).status(503).times(2));
        ApiClient.Resp v2 = api.get("/api/v2/persons");
        assertThat(v2.status()).isEqualTo(503);
        assertThat(v2.text()).isEqualTo("{\"success\":false,\"error\":\"Internal Server Error\",\"code\":\"ERR_UNKNOWN\"}");
        ApiClient.Resp v1 = api.get("/api/v1/notes");
        assertThat(v1.status()).isEqualTo(503);
        assertThat(v1.json().has("error_info")).isTrue();
        assertThat(api.get("/api/v2/persons").status()).as("times=2 exhausted").isEqualTo(200);
        assertThat(sandbox.admin().requestCounters("acme").faultsInjected()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void failTheNthMatchingRequestOnly() {
        sandbox.admin().addFault("acme", FaultRule.of(FaultRule.Kind.STATUS).status(502).method("POST").path("/api/v2/organizations").nth(3));
        int[] statuses = new int[5];
        for (int i = 0; i < 5; i++) {
            statuses[i] = api.post("/api/v2/organizations", "{\"name\":\"N" + i + "\"}").status();
        }
        assertThat(statuses).containsExactly(200, 200, 502, 200, 200);
    }

    @Test
    void errorRateIsApproximatelyHonoured() {
        sandbox.admin().addFault("acme", FaultRule.of(FaultRule.Kind.STATUS).status(500).probability(0.3));
        int failures = 0;
        for (int i = 0; i < 200; i++) {
            if (api.get("/api/v2/pipelines/1").status() == 500) {
                failures++;
            }
        }
        assertThat(failures).isBetween(35, 85);
    }

    @Test
    void latencyIsAdded() {
        sandbox.admin().addFault("acme", FaultRule.of(FaultRule.Kind.LATENCY).latency(300, 50));
        long t0 = System.nanoTime();
        assertThat(api.get("/api/v2/pipelines").status()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void connectionResetAndTimeout() {
        sandbox.admin().addFault("acme", FaultRule.of(FaultRule.Kind.RESET).times(1));
        assertThatThrownBy(() -> api.get("/api/v2/pipelines")).isInstanceOf(IllegalStateException.class);
        sandbox.admin().clearFaults("acme");
        sandbox.admin().addFault("acme", FaultRule.of(FaultRule.Kind.TIMEOUT).latency(5_000, 0).times(1));
        HttpClient http = HttpClient.newHttpClient();
        assertThatThrownBy(() -> http.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/api/v2/pipelines"))
                .header("x-api-token", SandboxFixture.ADMIN_TOKEN).timeout(Duration.ofMillis(400)).build(), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(java.net.http.HttpTimeoutException.class);
    }

    @Test
    void forced429sAndAuthFaultsAndMalformedJson() {
        sandbox.admin().addFault("acme", FaultRule.of(FaultRule.Kind.FORCE_429_BURST).nth(1));
        sandbox.admin().addFault("acme", FaultRule.of(FaultRule.Kind.FORCE_429_DAILY).nth(2));
        sandbox.admin().addFault("acme", FaultRule.of(FaultRule.Kind.UNAUTHORIZED_401).nth(3));
        sandbox.admin().addFault("acme", FaultRule.of(FaultRule.Kind.BLOCK_403).nth(4));
        sandbox.admin().addFault("acme", FaultRule.of(FaultRule.Kind.MALFORMED_JSON).nth(5));
        ApiClient.Resp burst = api.get("/api/v2/pipelines");
        assertThat(burst.status()).isEqualTo(429);
        assertThat(burst.header("retry-after")).isEqualTo("10");
        assertThat(api.get("/api/v2/pipelines").json().path("error").asText()).isEqualTo("daily request budget exceeded");
        assertThat(api.get("/api/v2/pipelines").status()).isEqualTo(401);
        assertThat(api.get("/api/v2/pipelines").header("content-type")).startsWith("text/html");
        ApiClient.Resp malformed = api.get("/api/v2/pipelines");
        assertThat(malformed.status()).isEqualTo(200);
        assertThat(malformed.json()).isNull();
    }

    @Test
    void faultsOverHttpAdminApi() throws Exception {
        assertThat(adminCall("POST", "/__sandbox/accounts/globex/faults", "{\"kind\":\"STATUS\",\"status\":500,\"times\":1}").status()).isEqualTo(200);
        assertThat(api.withToken(SandboxFixture.OTHER_TOKEN).get("/api/v2/persons").status()).isEqualTo(500);
        assertThat(adminCall("GET", "/__sandbox/accounts/globex/faults", null).json().get(0).path("fired").asLong()).isEqualTo(1);
        assertThat(adminCall("DELETE", "/__sandbox/accounts/globex/faults", null).status()).isEqualTo(200);
    }

    @Test
    void clockAdvancePurgesSoftDeletedRowsAfterThirtyDays() throws Exception {
        long id = api.post("/api/v2/persons", "{\"name\":\"Purge me\"}").data().path("id").asLong();
        api.delete("/api/v2/persons/" + id);
        int all = adminCall("GET", "/__sandbox/accounts/acme/entities/person", null).json().size();
        int live = adminCall("GET", "/__sandbox/accounts/acme/entities/person?include_deleted=false", null).json().size();
        assertThat(all - live).isGreaterThanOrEqualTo(1);
        assertThat(api.get("/api/v2/persons/" + id).data().path("is_deleted").asBoolean()).isTrue();
        adminCall("POST", "/__sandbox/clock/advance", "{\"seconds\":" + 29 * 86_400 + "}");
        assertThat(api.get("/api/v2/persons/" + id).status()).isEqualTo(200);
        adminCall("POST", "/__sandbox/clock/advance", "{\"seconds\":" + 86_400 + "}");
        assertThat(api.get("/api/v2/persons/" + id).status()).isEqualTo(404);
        long next = api.post("/api/v2/persons", "{\"name\":\"After\"}").data().path("id").asLong();
        assertThat(next).as("ids are never reused").isGreaterThan(id);
    }

    @Test
    void entityCapsTriggerFeatureCapping() {
        sandbox.admin().updateAccount("acme", io.atomicmigrate.sandbox.service.Json.object().put("openDealsCap", 0).put("activityTypesCap", 0));
        try {
            long org = api.post("/api/v2/organizations", "{\"name\":\"Capped\"}").data().path("id").asLong();
            ApiClient.Resp deal = api.post("/api/v2/deals", "{\"title\":\"No room\",\"org_id\":" + org + "}");
            assertThat(deal.status()).isEqualTo(403);
            assertThat(deal.json().path("code").asText()).isEqualTo("feature_capping_deals_limit");
            assertThat(deal.json().path("error").asText()).isEqualTo("Couldn't add the deal. Open deals limit reached.");
            ApiClient.Resp type = api.post("/api/v1/activityTypes", "{\"name\":\"Extra\",\"icon_key\":\"call\"}");
            assertThat(type.status()).isEqualTo(403);
            assertThat(type.json().path("code").asText()).isEqualTo("feature_capping_activity_types_limit");
        } finally {
            sandbox.admin().updateAccount("acme", io.atomicmigrate.sandbox.service.Json.object().putNull("openDealsCap").putNull("activityTypesCap"));
        }
    }
}

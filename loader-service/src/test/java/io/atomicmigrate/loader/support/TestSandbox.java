package io.atomicmigrate.loader.support;

import com.fasterxml.jackson.databind.JsonNode;
import io.atomicmigrate.common.json.Json;
import io.atomicmigrate.sandbox.PipedriveSandbox;
import io.atomicmigrate.sandbox.config.SandboxConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One Pipedrive sandbox per test JVM (limits on: the loader must respect them); every test gets
 * its own company account, so counters and stored records are the test's own. Tests drive it over
 * its HTTP admin API ({@code /__sandbox}): Quarkus loads test classes in its own class loader, the
 * sandbox's Java admin API would hand over Jackson objects of another class loader.
 */
public final class TestSandbox {

    private static PipedriveSandbox sandbox;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private TestSandbox() {
    }

    public static synchronized PipedriveSandbox get() {
        if (sandbox == null) {
            sandbox = PipedriveSandbox.start(SandboxConfig.defaults().limitsEnabled(true));
            Runtime.getRuntime().addShutdownHook(new Thread(sandbox::close));
        }
        return sandbox;
    }

    /** A sandbox account: its admin user is Ada (ada@{domain}.example). */
    public record Account(String domain, String token, long companyId, String adminEmail) {
    }

    public static Account newAccount(String plan) {
        String domain = "t" + UUID.randomUUID().toString().substring(0, 8);
        String token = "tok-" + UUID.randomUUID();
        String email = "ada@" + domain + ".example";
        JsonNode created = call("POST", "/accounts", Map.of("companyDomain", domain, "plan", plan, "users",
                List.of(Map.of("name", "Ada", "email", email, "admin", true, "apiToken", token))));
        return new Account(domain, token, created.path("company_id").asLong(), email);
    }

    public static void addUser(String domain, String name, String email, String token) {
        call("POST", "/accounts/" + domain + "/users", Map.of("name", name, "email", email, "admin", false, "apiToken", token));
    }

    /** A fault rule as the admin API takes it, e.g. {@code Map.of("kind", "STATUS", "status", 503, "probability", 0.2)}. */
    public static void addFault(String domain, Map<String, Object> rule) {
        call("POST", "/accounts/" + domain + "/faults", rule);
    }

    public static List<JsonNode> entities(String domain, String type) {
        List<JsonNode> out = new ArrayList<>();
        call("GET", "/accounts/" + domain + "/entities/" + type, null).forEach(out::add);
        return out;
    }

    public static long count(String domain, String type) {
        return entities(domain, type).size();
    }

    public static JsonNode counters(String domain) {
        return call("GET", "/accounts/" + domain + "/counters", null);
    }

    public static long calls(String domain, String operationId) {
        return counters(domain).path("requests_by_operation").path(operationId).asLong(0);
    }

    public static long count429(String domain) {
        return counters(domain).path("rate_limited_429").asLong();
    }

    public static long faultsInjected(String domain) {
        long n = 0;
        for (JsonNode v : counters(domain).path("faults_injected")) {
            n += v.asLong();
        }
        return n;
    }

    private static JsonNode call(String method, String path, Object body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(get().baseUrl() + "/__sandbox" + path))
                    .header("x-admin-token", "sandbox-admin").header("content-type", "application/json");
            request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(Json.mapper().writeValueAsString(body)));
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException("sandbox admin " + method + " " + path + " → " + response.statusCode()
                        + ": " + response.body());
            }
            return response.body().isEmpty() ? Json.mapper().nullNode() : Json.mapper().readTree(response.body());
        } catch (Exception e) {
            throw new IllegalStateException("sandbox admin call " + method + " " + path + " failed: " + e.getMessage(), e);
        }
    }
}

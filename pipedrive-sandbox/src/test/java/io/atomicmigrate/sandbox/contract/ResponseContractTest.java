package io.atomicmigrate.sandbox.contract;

import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import io.atomicmigrate.sandbox.ApiClient;
import io.atomicmigrate.sandbox.PipedriveSandbox;
import io.atomicmigrate.sandbox.SandboxFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * For every covered operation, the sandbox's success response validates against the response
 * schema of Pipedrive's own spec (issue 3, "contract test suite").
 */
class ResponseContractTest {
    static PipedriveSandbox sandbox;
    static ApiClient api;
    static long org;
    static long person;
    static long deal;
    static long activity;
    static long pipeline;
    static long stage;
    static long note;
    static long file;
    static long activityType;
    static String lead;
    static String leadLabel;
    static String dealField;
    static String personField;
    static String orgField;
    static long option;

    @BeforeAll
    static void start() {
        sandbox = SandboxFixture.startWithoutLimits(c -> { });
        api = new ApiClient(sandbox.baseUrl(), SandboxFixture.ADMIN_TOKEN);
        personField = api.post("/api/v2/personFields", "{\"field_name\":\"Nick\",\"field_type\":\"varchar\"}").data().path("field_code").asText();
        orgField = api.post("/api/v2/organizationFields", "{\"field_name\":\"Region\",\"field_type\":\"address\"}").data().path("field_code").asText();
        JsonNode df = api.post("/api/v2/dealFields", "{\"field_name\":\"Kind\",\"field_type\":\"enum\",\"options\":[{\"label\":\"A\"},{\"label\":\"B\"}]}").data();
        dealField = df.path("field_code").asText();
        option = df.path("options").get(0).path("id").asLong();
        org = api.post("/api/v2/organizations", "{\"name\":\"Contract Org\",\"address\":{\"value\":\"1 Road\"},\"custom_fields\":{\"" + orgField + "\":{\"value\":\"2 Road\"}}}").data().path("id").asLong();
        person = api.post("/api/v2/persons", "{\"name\":\"Connie Tract\",\"org_id\":" + org + ",\"emails\":[{\"value\":\"c@t.example\"}],\"custom_fields\":{\"" + personField + "\":\"CT\"}}").data().path("id").asLong();
        deal = api.post("/api/v2/deals", "{\"title\":\"Contract deal\",\"person_id\":" + person + ",\"org_id\":" + org + ",\"value\":10,\"currency\":\"EUR\",\"custom_fields\":{\"" + dealField + "\":" + option + "}}").data().path("id").asLong();
        activity = api.post("/api/v2/activities", "{\"subject\":\"Call\",\"type\":\"call\",\"deal_id\":" + deal + ",\"due_date\":\"2025-01-01\"}").data().path("id").asLong();
        pipeline = api.post("/api/v2/pipelines", "{\"name\":\"Contract pipe\"}").data().path("id").asLong();
        stage = api.post("/api/v2/stages", "{\"name\":\"Contract stage\",\"pipeline_id\":" + pipeline + "}").data().path("id").asLong();
        note = api.post("/api/v1/notes", "{\"content\":\"n\",\"deal_id\":" + deal + "}").data().path("id").asLong();
        file = api.upload("/api/v1/files", "c.txt", "x".getBytes(StandardCharsets.UTF_8), Map.of("deal_id", Long.toString(deal))).data().path("id").asLong();
        activityType = api.post("/api/v1/activityTypes", "{\"name\":\"Demo\",\"icon_key\":\"presentation\"}").data().path("id").asLong();
        leadLabel = api.post("/api/v1/leadLabels", "{\"name\":\"Contract\",\"color\":\"gray\"}").data().path("id").asText();
        lead = api.post("/api/v1/leads", "{\"title\":\"Contract lead\",\"person_id\":" + person + ",\"label_ids\":[\"" + leadLabel + "\"],\"value\":{\"amount\":5,\"currency\":\"EUR\"}}").data().path("id").asText();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    record Call(String method, String path, Supplier<ApiClient.Resp> send) {
    }

    static Call get(String path) {
        return new Call("GET", path, () -> api.get(path));
    }

    static Call post(String path, String body) {
        return new Call("POST", path, () -> api.post(path, body));
    }

    static Call patch(String path, String body) {
        return new Call("PATCH", path, () -> api.patch(path, body));
    }

    static Call put(String path, String body) {
        return new Call("PUT", path, () -> api.put(path, body));
    }

    static Call delete(String path) {
        return new Call("DELETE", path, () -> api.delete(path));
    }

    static List<Call> calls() {
        List<Call> c = new ArrayList<>();
        for (String[] e : new String[][]{{"persons", "{\"name\":\"P2\"}", "{\"name\":\"P3\"}"},
                {"organizations", "{\"name\":\"O2\"}", "{\"name\":\"O3\"}"},
                {"deals", "{\"title\":\"D2\",\"org_id\":ORG}", "{\"title\":\"D3\"}"},
                {"activities", "{\"subject\":\"A2\"}", "{\"done\":true}"},
                {"pipelines", "{\"name\":\"Pi2\"}", "{\"name\":\"Pi3\"}"},
                {"stages", "{\"name\":\"S2\",\"pipeline_id\":PIPE}", "{\"name\":\"S3\"}"}}) {
            String base = "/api/v2/" + e[0];
            c.add(get(base));
            c.add(new Call("POST", base, () -> {
                ApiClient.Resp r = api.post(base, e[1].replace("ORG", Long.toString(org)).replace("PIPE", Long.toString(pipeline)));
                long id = r.data().path("id").asLong();
                created.put(e[0], id);
                return r;
            }));
            c.add(new Call("GET", base + "/{id}", () -> api.get(base + "/" + created.get(e[0]))));
            c.add(new Call("PATCH", base + "/{id}", () -> api.patch(base + "/" + created.get(e[0]), e[2])));
            c.add(new Call("DELETE", base + "/{id}", () -> api.delete(base + "/" + created.get(e[0]))));
        }
        c.add(get("/api/v2/deals/archived"));
        c.add(get("/api/v2/persons/search?term=connie"));
        c.add(get("/api/v2/organizations/search?term=contract"));
        c.add(get("/api/v2/deals/search?term=contract"));
        c.add(get("/api/v2/leads/search?term=contract"));
        c.add(get("/api/v2/itemSearch?term=contract"));
        c.add(get("/api/v2/itemSearch/field?term=Contract%20Org&entity_type=organization&field=name"));
        for (String f : new String[]{"personFields", "organizationFields", "dealFields"}) {
            String base = "/api/v2/" + f;
            c.add(get(base));
            c.add(new Call("POST", base, () -> {
                ApiClient.Resp r = api.post(base, "{\"field_name\":\"Opts\",\"field_type\":\"set\",\"options\":[{\"label\":\"x\"}]}");
                createdCodes.put(f, r.data().path("field_code").asText());
                return r;
            }));
            c.add(new Call("GET", base + "/{field_code}", () -> api.get(base + "/" + createdCodes.get(f))));
            c.add(new Call("PATCH", base + "/{field_code}", () -> api.patch(base + "/" + createdCodes.get(f), "{\"field_name\":\"Opts2\"}")));
            c.add(new Call("POST", base + "/{field_code}/options", () -> {
                ApiClient.Resp r = api.post(base + "/" + createdCodes.get(f) + "/options", "[{\"label\":\"y\"}]");
                createdOptions.put(f, r.data().get(0).path("id").asLong());
                return r;
            }));
            c.add(new Call("PATCH", base + "/{field_code}/options", () -> api.patch(base + "/" + createdCodes.get(f) + "/options",
                    "[{\"id\":" + createdOptions.get(f) + ",\"label\":\"z\"}]")));
            c.add(new Call("DELETE", base + "/{field_code}/options", () -> api.delete(base + "/" + createdCodes.get(f) + "/options",
                    "[{\"id\":" + createdOptions.get(f) + "}]")));
            c.add(new Call("DELETE", base + "/{field_code}", () -> api.delete(base + "/" + createdCodes.get(f))));
        }
        c.add(get("/api/v1/notes"));
        c.add(new Call("GET", "/api/v1/notes/{id}", () -> api.get("/api/v1/notes/" + note)));
        c.add(postWithIds("/api/v1/notes", "{\"content\":\"n2\",\"person_id\":PERSON}"));
        c.add(new Call("PUT", "/api/v1/notes/{id}", () -> api.put("/api/v1/notes/" + note, "{\"content\":\"n3\"}")));
        c.add(new Call("DELETE", "/api/v1/notes/{id}", () -> api.delete("/api/v1/notes/" + note)));
        c.add(get("/api/v1/files"));
        c.add(new Call("GET", "/api/v1/files/{id}", () -> api.get("/api/v1/files/" + file)));
        c.add(new Call("POST", "/api/v1/files", () -> api.upload("/api/v1/files", "d.csv", "a,b".getBytes(StandardCharsets.UTF_8), Map.of("person_id", Long.toString(person)))));
        c.add(new Call("PUT", "/api/v1/files/{id}", () -> api.putForm("/api/v1/files/" + file, "name=n.txt")));
        c.add(new Call("DELETE", "/api/v1/files/{id}", () -> api.delete("/api/v1/files/" + file)));
        c.add(get("/api/v1/users"));
        c.add(get("/api/v1/users/find?term=ada"));
        c.add(get("/api/v1/users/me"));
        c.add(get("/api/v1/currencies"));
        c.add(get("/api/v1/leadSources"));
        c.add(get("/api/v1/users/1"));
        c.add(post("/api/v1/users", "{\"email\":\"contract@acme.example\"}"));
        c.add(get("/api/v1/activityTypes"));
        c.add(post("/api/v1/activityTypes", "{\"name\":\"Tour\",\"icon_key\":\"car\",\"color\":\"00FF00\"}"));
        c.add(new Call("PUT", "/api/v1/activityTypes/{id}", () -> api.put("/api/v1/activityTypes/" + activityType, "{\"name\":\"Demo 2\"}")));
        c.add(new Call("DELETE", "/api/v1/activityTypes/{id}", () -> api.delete("/api/v1/activityTypes/" + activityType)));
        c.add(get("/api/v1/leads"));
        c.add(get("/api/v1/leads/archived"));
        c.add(new Call("GET", "/api/v1/leads/{id}", () -> api.get("/api/v1/leads/" + lead)));
        c.add(postWithIds("/api/v1/leads", "{\"title\":\"L2\",\"organization_id\":ORG}"));
        c.add(new Call("PATCH", "/api/v1/leads/{id}", () -> api.patch("/api/v1/leads/" + lead, "{\"title\":\"L3\"}")));
        c.add(new Call("DELETE", "/api/v1/leads/{id}", () -> api.delete("/api/v1/leads/" + lead)));
        c.add(get("/api/v1/leadLabels"));
        c.add(post("/api/v1/leadLabels", "{\"name\":\"LL\",\"color\":\"red\"}"));
        c.add(new Call("PATCH", "/api/v1/leadLabels/{id}", () -> api.patch("/api/v1/leadLabels/" + leadLabel, "{\"name\":\"LL2\"}")));
        c.add(new Call("DELETE", "/api/v1/leadLabels/{id}", () -> api.delete("/api/v1/leadLabels/" + leadLabel)));
        c.add(new Call("POST", "/api/v1/deals/{id}/participants", () -> {
            ApiClient.Resp r = api.post("/api/v1/deals/" + deal + "/participants", "{\"person_id\":" + person + "}");
            created.put("participant", r.data().path("id").asLong());
            return r;
        }));
        c.add(new Call("GET", "/api/v1/deals/{id}/participants", () -> api.get("/api/v1/deals/" + deal + "/participants")));
        c.add(new Call("DELETE", "/api/v1/deals/{id}/participants/7", () ->
                api.delete("/api/v1/deals/" + deal + "/participants/" + created.get("participant"))));
        for (String f : new String[]{"personFields", "organizationFields", "dealFields"}) {
            String base = "/api/v1/" + f;
            c.add(get(base));
            c.add(new Call("POST", base, () -> {
                ApiClient.Resp r = api.post(base, "{\"name\":\"V1 opts\",\"field_type\":\"enum\",\"options\":[{\"label\":\"a\"}]}");
                created.put("v1" + f, r.data().path("id").asLong());
                return r;
            }));
            c.add(new Call("GET", base + "/{id}", () -> api.get(base + "/" + created.get("v1" + f))));
            c.add(new Call("PUT", base + "/{id}", () -> api.put(base + "/" + created.get("v1" + f), "{\"name\":\"V1 renamed\",\"options\":[{\"label\":\"b\"}]}")));
            c.add(new Call("DELETE", base + "/{id}", () -> api.delete(base + "/" + created.get("v1" + f))));
            c.add(new Call("DELETE", base + "?ids=1", () -> {
                long id = api.post(base, "{\"name\":\"Bulk\",\"field_type\":\"varchar\"}").data().path("id").asLong();
                return api.delete(base + "?ids=" + id);
            }));
        }
        return c;
    }

    static final Map<String, Long> created = new java.util.concurrent.ConcurrentHashMap<>();
    static final Map<String, String> createdCodes = new java.util.concurrent.ConcurrentHashMap<>();
    static final Map<String, Long> createdOptions = new java.util.concurrent.ConcurrentHashMap<>();

    @TestFactory
    List<DynamicTest> everyCoveredOperationValidatesAgainstTheSpec() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Call call : calls()) {
            tests.add(DynamicTest.dynamicTest(call.method() + " " + call.path(), () -> {
                ApiClient.Resp resp = call.send().get();
                assertThat(resp.status()).as(resp.text()).isBetween(200, 201);
                String concrete = call.path().replace("{id}", "1").replace("{field_code}", "abc");
                ValidationReport report = SpecValidators.validateResponse(call.method(), concrete, resp);
                assertThat(SpecValidators.describe(report)).as(resp.text()).isEmpty();
            }));
        }
        return tests;
    }

    @org.junit.jupiter.api.Test
    void theValidatorDoesCatchABrokenResponse() {
        ApiClient.Resp good = api.get("/api/v2/persons/" + person);
        com.fasterxml.jackson.databind.node.ObjectNode broken = (com.fasterxml.jackson.databind.node.ObjectNode) good.json().deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) broken.get("data")).put("id", "one").put("visible_to", "3");
        ApiClient.Resp bad = new ApiClient.Resp(200, good.headers(), broken.toString(), broken);
        assertThat(SpecValidators.describe(SpecValidators.validateResponse("GET", "/api/v2/persons/1", bad)))
                .contains("/data/id").contains("/data/visible_to");
        // the v1 spec is reached through the /api/v1 → /v1 rewrite
        ApiClient.Resp lead = api.get("/api/v1/leadLabels");
        com.fasterxml.jackson.databind.node.ObjectNode brokenV1 = (com.fasterxml.jackson.databind.node.ObjectNode) lead.json().deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) brokenV1.get("data").get(0)).put("color", "teal");
        ApiClient.Resp badV1 = new ApiClient.Resp(200, lead.headers(), brokenV1.toString(), brokenV1);
        assertThat(SpecValidators.describe(SpecValidators.validateResponse("GET", "/api/v1/leadLabels", badV1))).contains("/data/0/color");
    }

    static Call postWithIds(String path, String body) {
        return new Call("POST", path, () -> api.post(path, body.replace("ORG", Long.toString(org)).replace("PERSON", Long.toString(person))));
    }
}

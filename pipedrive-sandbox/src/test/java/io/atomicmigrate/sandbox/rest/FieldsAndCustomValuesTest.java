package io.atomicmigrate.sandbox.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.atomicmigrate.sandbox.ApiClient;
import io.atomicmigrate.sandbox.PipedriveSandbox;
import io.atomicmigrate.sandbox.SandboxFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Field definitions, options and custom values in v2 and v1 form: checklist 5 (410), 8, 10, 22, 23. */
class FieldsAndCustomValuesTest {
    static PipedriveSandbox sandbox;
    static ApiClient api;

    @BeforeAll
    static void start() {
        sandbox = SandboxFixture.startWithoutLimits(c -> { });
        api = new ApiClient(sandbox.baseUrl(), SandboxFixture.ADMIN_TOKEN);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    static JsonNode field(String entity, String body) {
        ApiClient.Resp r = api.post("/api/v2/" + entity + "Fields", body);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.data();
    }

    @Test
    void standardFieldsAndLabelOptionsExistAndNoCustomFields() {
        JsonNode list = api.get("/api/v2/personFields").data();
        List<String> codes = new ArrayList<>();
        list.forEach(f -> codes.add(f.path("field_code").asText()));
        assertThat(codes).contains("name", "emails", "phones", "label_ids", "owner_id", "org_id");
        list.forEach(f -> assertThat(f.path("is_custom_field").asBoolean()).isFalse());
        JsonNode labels = api.get("/api/v2/personFields/label_ids").data().path("options");
        assertThat(labels).extracting(o -> o.path("label").asText()).containsExactly("Customer", "Hot lead", "Warm lead", "Cold lead");
    }

    @Test
    void customFieldKeysAre40HexAndDifferPerAccount() {
        String acme = field("deal", "{\"field_name\":\"Source id\",\"field_type\":\"varchar\"}").path("field_code").asText();
        ApiClient globex = api.withToken(SandboxFixture.OTHER_TOKEN);
        String other = globex.post("/api/v2/dealFields", "{\"field_name\":\"Source id\",\"field_type\":\"varchar\"}").data().path("field_code").asText();
        assertThat(acme).matches("[0-9a-f]{40}");
        assertThat(other).matches("[0-9a-f]{40}").isNotEqualTo(acme);
    }

    @Test
    void fieldValidationAndAdminOnly() {
        assertThat(api.post("/api/v2/personFields", "{\"field_name\":\"E\",\"field_type\":\"enum\"}").status()).isEqualTo(400);
        assertThat(api.post("/api/v2/personFields", "{\"field_name\":\"\",\"field_type\":\"varchar\"}").status()).isEqualTo(400);
        assertThat(api.post("/api/v2/personFields", "{\"field_name\":\"T\",\"field_type\":\"blob\"}").status()).isEqualTo(400);
        assertThat(api.withToken(SandboxFixture.USER_TOKEN).post("/api/v2/personFields", "{\"field_name\":\"T\",\"field_type\":\"varchar\"}").status()).isEqualTo(403);
        String code = field("person", "{\"field_name\":\"Temp\",\"field_type\":\"text\"}").path("field_code").asText();
        assertThat(api.patch("/api/v2/personFields/" + code, "{}").status()).isEqualTo(400);
        assertThat(api.patch("/api/v2/personFields/" + code, "{\"field_type\":\"varchar\"}").status()).isEqualTo(400);
        assertThat(api.patch("/api/v2/personFields/" + code, "{\"field_name\":\"Renamed\"}").data().path("field_name").asText()).isEqualTo("Renamed");
        assertThat(api.delete("/api/v2/personFields/" + code).status()).isEqualTo(200);
        ApiClient.Resp gone = api.get("/api/v2/personFields/" + code);
        assertThat(gone.status()).isEqualTo(410);
        // a deleted field is ignored on POST (D: CF)
        assertThat(api.post("/api/v2/persons", "{\"name\":\"Ig\",\"custom_fields\":{\"" + code + "\":\"x\"}}").status()).isEqualTo(200);
    }

    @Test
    void optionsAreAtomic() {
        JsonNode f = field("organization", "{\"field_name\":\"Tier\",\"field_type\":\"enum\",\"options\":[{\"label\":\"Gold\"},{\"label\":\"Silver\"}]}");
        String code = f.path("field_code").asText();
        long gold = f.path("options").get(0).path("id").asLong();
        ApiClient.Resp added = api.post("/api/v2/organizationFields/" + code + "/options", "[{\"label\":\"Bronze\"}]");
        assertThat(added.data()).hasSize(1);
        assertThat(added.json().get("additional_data").isNull()).isTrue();
        assertThat(api.patch("/api/v2/organizationFields/" + code + "/options", "[{\"id\":" + gold + ",\"label\":\"Au\"},{\"id\":999999,\"label\":\"X\"}]").status()).isEqualTo(400);
        assertThat(api.get("/api/v2/organizationFields/" + code).data().path("options").get(0).path("label").asText()).isEqualTo("Gold");
        assertThat(api.delete("/api/v2/organizationFields/" + code + "/options", "[{\"id\":" + gold + "}]").data().get(0).path("id").asLong()).isEqualTo(gold);
        assertThat(api.get("/api/v2/organizationFields/" + code).data().path("options")).hasSize(2);
    }

    @Test
    void customValuesInV2FormAreTypeChecked() {
        JsonNode en = field("person", "{\"field_name\":\"Size\",\"field_type\":\"enum\",\"options\":[{\"label\":\"S\"},{\"label\":\"L\"}]}");
        JsonNode set = field("person", "{\"field_name\":\"Tags\",\"field_type\":\"set\",\"options\":[{\"label\":\"a\"},{\"label\":\"b\"}]}");
        JsonNode money = field("person", "{\"field_name\":\"Budget\",\"field_type\":\"monetary\"}");
        JsonNode range = field("person", "{\"field_name\":\"Stay\",\"field_type\":\"daterange\"}");
        JsonNode num = field("person", "{\"field_name\":\"Score\",\"field_type\":\"double\"}");
        String e = en.path("field_code").asText();
        String s = set.path("field_code").asText();
        String m = money.path("field_code").asText();
        String r = range.path("field_code").asText();
        String n = num.path("field_code").asText();
        long small = en.path("options").get(0).path("id").asLong();
        long a = set.path("options").get(0).path("id").asLong();
        long b = set.path("options").get(1).path("id").asLong();
        String good = "{\"name\":\"CF\",\"custom_fields\":{\"" + e + "\":" + small + ",\"" + s + "\":[" + a + "," + b + "],\""
                + m + "\":{\"value\":500,\"currency\":\"USD\"},\"" + r + "\":{\"value\":\"2024-01-01\",\"until\":\"2024-02-01\"},\"" + n + "\":3.5}}";
        ApiClient.Resp created = api.post("/api/v2/persons", good);
        assertThat(created.status()).as(created.text()).isEqualTo(200);
        JsonNode cf = created.data().path("custom_fields");
        assertThat(cf.path(e).asLong()).isEqualTo(small);
        assertThat(cf.path(s)).hasSize(2);
        assertThat(cf.path(m).path("currency").asText()).isEqualTo("USD");
        long id = created.data().path("id").asLong();
        JsonNode labelled = api.get("/api/v2/persons/" + id + "?include_option_labels=true").data().path("custom_fields");
        assertThat(labelled.path(e).path("label").asText()).isEqualTo("S");
        JsonNode only = api.get("/api/v2/persons/" + id + "?custom_fields=" + e).data().path("custom_fields");
        assertThat(only.size()).isEqualTo(1);

        String[] bad = {
                "{\"" + e + "\":\"" + small + "\"}",          // enum id as string
                "{\"" + e + "\":12345678}",                    // foreign option id
                "{\"" + s + "\":[]}",                          // [] instead of null
                "{\"" + s + "\":\"" + a + "," + b + "\"}",     // v1 comma form
                "{\"" + m + "\":500}",                         // monetary not an object
                "{\"" + n + "\":\"3.5\"}",                     // string number
                "{\"" + r + "\":\"2024-01-01\"}",              // daterange not an object
                "{\"ffffffffffffffffffffffffffffffffffffffff\":1}"};
        for (String x : bad) {
            ApiClient.Resp resp = api.patch("/api/v2/persons/" + id, "{\"custom_fields\":" + x + "}");
            assertThat(resp.status()).as(x + " -> " + resp.text()).isEqualTo(400);
            assertThat(resp.json().path("code").asText()).isEqualTo("ERR_SCHEMA_VALIDATION_FAILED");
        }
        ApiClient.Resp cleared = api.patch("/api/v2/persons/" + id, "{\"custom_fields\":{\"" + s + "\":null}}");
        assertThat(cleared.data().path("custom_fields").has(s)).isFalse();
    }

    @Test
    void leadsUseDealFieldsInV1FlatForm() {
        JsonNode money = field("deal", "{\"field_name\":\"Lead budget\",\"field_type\":\"monetary\"}");
        JsonNode set = field("deal", "{\"field_name\":\"Lead tags\",\"field_type\":\"set\",\"options\":[{\"label\":\"x\"},{\"label\":\"y\"}]}");
        String m = money.path("field_code").asText();
        String s = set.path("field_code").asText();
        String ids = set.path("options").get(0).path("id").asText() + "," + set.path("options").get(1).path("id").asText();
        long person = api.post("/api/v2/persons", "{\"name\":\"Lead P\"}").data().path("id").asLong();
        ApiClient.Resp lead = api.post("/api/v1/leads", "{\"title\":\"L\",\"person_id\":" + person + ",\"" + m + "\":250,\""
                + m + "_currency\":\"GBP\",\"" + s + "\":\"" + ids + "\"}");
        assertThat(lead.status()).as(lead.text()).isEqualTo(201);
        assertThat(lead.data().path(m).asInt()).isEqualTo(250);
        assertThat(lead.data().path(m + "_currency").asText()).isEqualTo("GBP");
        assertThat(lead.data().path(s).asText()).isEqualTo(ids);
    }

    @Test
    void v1AndV2AreTwoViewsOfTheSameField() {
        JsonNode v2 = field("deal", "{\"field_name\":\"Channel\",\"field_type\":\"enum\",\"options\":[{\"label\":\"Web\"},{\"label\":\"Fair\"}]}");
        String code = v2.path("field_code").asText();
        JsonNode v1List = api.get("/api/v1/dealFields?limit=500").data();
        JsonNode v1 = null;
        for (JsonNode f : v1List) {
            if (f.path("key").asText().equals(code)) {
                v1 = f;
            }
        }
        assertThat(v1).isNotNull();
        assertThat(v1.path("edit_flag").asBoolean()).isTrue();
        long id = v1.path("id").asLong();
        long web = v1.path("options").get(0).path("id").asLong();
        // v1 PUT lists every option to keep: Web kept and renamed, Fair dropped, Shop added
        JsonNode put = api.put("/api/v1/dealFields/" + id, "{\"options\":[{\"id\":" + web + ",\"label\":\"Website\"},{\"label\":\"Shop\"}]}").data();
        assertThat(put.path("options")).extracting(o -> o.path("label").asText()).containsExactly("Website", "Shop");
        assertThat(api.get("/api/v2/dealFields/" + code).data().path("options")).hasSize(2);
        assertThat(api.delete("/api/v1/dealFields/" + id).data().path("id").asLong()).isEqualTo(id);
        assertThat(api.get("/api/v1/dealFields/" + id).status()).isEqualTo(410);
        assertThat(api.get("/api/v2/dealFields/" + code).status()).isEqualTo(410);
    }

    @Test
    void customFieldCapGives403FeatureCapping() {
        sandbox.admin().updateAccount("globex", io.atomicmigrate.sandbox.service.Json.object().put("customFieldsCap", 1));
        ApiClient globex = api.withToken(SandboxFixture.OTHER_TOKEN);
        globex.post("/api/v2/personFields", "{\"field_name\":\"One\",\"field_type\":\"varchar\"}");
        ApiClient.Resp r = globex.post("/api/v2/personFields", "{\"field_name\":\"Two\",\"field_type\":\"varchar\"}");
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.json().path("code").asText()).startsWith("feature_capping_");
        sandbox.admin().updateAccount("globex", io.atomicmigrate.sandbox.service.Json.object().putNull("customFieldsCap"));
    }
}

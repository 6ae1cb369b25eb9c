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

/** v2 persons, organizations, deals, activities, pipelines, stages: checklist 3, 4, 6, 8, 9, 11-15. */
class V2EntitiesTest {
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

    static long id(ApiClient.Resp r) {
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.data().path("id").asLong();
    }

    static void assertSchemaError(ApiClient.Resp r, String fragment) {
        assertThat(r.status()).as(r.text()).isEqualTo(400);
        assertThat(r.json().path("success").asBoolean(true)).isFalse();
        assertThat(r.json().path("code").asText()).isEqualTo("ERR_SCHEMA_VALIDATION_FAILED");
        assertThat(r.json().path("error").asText()).startsWith("Validation failed: ").contains(fragment);
    }

    @Test
    void personCreateHonoursAddTimeAndNormalisesContacts() {
        ApiClient.Resp r = api.post("/api/v2/persons", """
                {"name":"Jane Doe","add_time":"2019-05-06T07:08:09.123Z",
                 "emails":[{"value":"jane@x.example"},{"value":"j@home.example","label":"home"}],
                 "phones":[{"value":"+1 555","primary":true,"label":"mobile"}],"visible_to":3}""");
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        JsonNode p = r.data();
        assertThat(p.path("add_time").asText()).isEqualTo("2019-05-06T07:08:09Z");
        assertThat(p.path("update_time").asText()).endsWith("Z");
        assertThat(p.path("first_name").asText()).isEqualTo("Jane");
        assertThat(p.path("emails").get(0).path("primary").asBoolean()).isTrue();
        assertThat(p.path("emails").get(0).path("label").asText()).isEqualTo("work");
        assertThat(p.path("emails").get(1).path("primary").asBoolean()).isFalse();
        assertThat(p.path("owner_id").asLong()).isEqualTo(1);
        assertThat(p.has("custom_fields")).isTrue();
        assertThat(p.has("organization")).as("v2 never embeds").isFalse();
    }

    @Test
    void strictV2ValidationRejectsLooseInput() {
        assertSchemaError(api.post("/api/v2/persons", "{\"name\":\"X\",\"nickname\":\"y\"}"), "Parameter 'nickname' is not allowed");
        assertSchemaError(api.post("/api/v2/persons", "{\"name\":\"X\",\"owner_id\":\"1\"}"), "owner_id");
        assertSchemaError(api.post("/api/v2/persons", "{\"name\":\"X\",\"visible_to\":\"3\"}"), "visible_to");
        assertSchemaError(api.post("/api/v2/persons", "{\"name\":\"X\",\"emails\":[\"a@b.c\"]}"), "emails");
        assertSchemaError(api.post("/api/v2/persons", "{\"name\":\"X\",\"emails\":[{\"value\":\"a\",\"primary\":true},{\"value\":\"b\",\"primary\":true}]}"), "primary");
        assertSchemaError(api.post("/api/v2/persons", "{\"owner_id\":1}"), "name");
        assertSchemaError(api.post("/api/v2/persons", "{\"name\":\"X\",\"0123456789abcdef0123456789abcdef01234567\":\"v\"}"), "not allowed");
        assertSchemaError(api.post("/api/v2/organizations", "{\"owner_id\":1}"), "name");
        long person = id(api.post("/api/v2/persons", "{\"name\":\"Patchy\"}"));
        assertSchemaError(api.patch("/api/v2/persons/" + person, "{\"add_time\":\"2020-01-01T00:00:00Z\"}"), "add_time");
        assertSchemaError(api.post("/api/v2/deals", "{\"title\":\"D\",\"person_id\":" + person + ",\"add_time\":\"2020-01-01T00:00:00Z\"}"), "add_time");
        assertSchemaError(api.post("/api/v2/deals", "{\"title\":\"D\",\"person_id\":" + person + ",\"is_archived\":1}"), "is_archived");
        assertSchemaError(api.post("/api/v2/deals", "{\"title\":\"D\",\"person_id\":" + person + ",\"is_archived\":\"true\"}"), "is_archived");
        assertSchemaError(api.post("/api/v2/deals", "{\"title\":\"D\"}"), "person_id");
        assertSchemaError(api.post("/api/v2/deals", "{\"title\":\"D\",\"person_id\":" + person + ",\"probability\":101}"), "probability");
        assertSchemaError(api.post("/api/v2/deals", "{\"title\":\"D\",\"person_id\":" + person + ",\"won_time\":\"2020-01-01T00:00:00Z\"}"), "won_time");
        assertSchemaError(api.post("/api/v2/activities", "{\"subject\":\"S\",\"done\":1}"), "done");
        assertSchemaError(api.post("/api/v2/activities", "{\"subject\":\"S\",\"type\":\"teleport\"}"), "type");
        assertSchemaError(api.post("/api/v2/persons", "[1,2]"), "body");
        assertSchemaError(api.post("/api/v2/persons", "{\"name\":"), "Malformed");
    }

    @Test
    void referentialChecksOnCreate() {
        assertThat(api.post("/api/v2/persons", "{\"name\":\"X\",\"org_id\":999999}").status()).isEqualTo(404);
        assertThat(api.post("/api/v2/persons", "{\"name\":\"X\",\"owner_id\":999}").status()).isEqualTo(400);
        assertThat(api.post("/api/v2/deals", "{\"title\":\"D\",\"person_id\":999999}").status()).isEqualTo(404);
        long org = id(api.post("/api/v2/organizations", "{\"name\":\"Gone Inc\"}"));
        assertThat(api.delete("/api/v2/organizations/" + org).status()).isEqualTo(200);
        assertThat(api.post("/api/v2/persons", "{\"name\":\"X\",\"org_id\":" + org + "}").status())
                .as("soft-deleted targets are rejected").isEqualTo(404);
        assertThat(api.post("/api/v2/stages", "{\"name\":\"S\",\"pipeline_id\":999}").status()).isEqualTo(404);
        assertSchemaError(api.post("/api/v2/stages", "{\"name\":\"S\"}"), "pipeline_id");
    }

    @Test
    void dealDefaultsToFirstStageOfDefaultPipelineAndChecksStagePipeline() {
        long org = id(api.post("/api/v2/organizations", "{\"name\":\"Deal Org\"}"));
        JsonNode d = api.post("/api/v2/deals", "{\"title\":\"Big\",\"org_id\":" + org + ",\"value\":1200.5,\"currency\":\"USD\"}").data();
        assertThat(d.path("pipeline_id").asLong()).isEqualTo(1);
        assertThat(d.path("stage_id").asLong()).isEqualTo(1);
        assertThat(d.path("status").asText()).isEqualTo("open");
        assertThat(d.path("creator_user_id").asLong()).isEqualTo(1);
        assertThat(d.path("value").asDouble()).isEqualTo(1200.5);
        long pipeline = id(api.post("/api/v2/pipelines", "{\"name\":\"Second\"}"));
        long stage = id(api.post("/api/v2/stages", "{\"name\":\"Only\",\"pipeline_id\":" + pipeline + "}"));
        JsonNode p2 = api.post("/api/v2/deals", "{\"title\":\"P2\",\"org_id\":" + org + ",\"pipeline_id\":" + pipeline + "}").data();
        assertThat(p2.path("stage_id").asLong()).isEqualTo(stage);
        assertSchemaError(api.post("/api/v2/deals", "{\"title\":\"X\",\"org_id\":" + org + ",\"pipeline_id\":1,\"stage_id\":" + stage + "}"), "stage_id");
        JsonNode won = api.post("/api/v2/deals", "{\"title\":\"W\",\"org_id\":" + org + ",\"status\":\"won\",\"won_time\":\"2021-02-03T04:05:06Z\"}").data();
        assertThat(won.path("won_time").asText()).isEqualTo("2021-02-03T04:05:06Z");
        JsonNode pipe = api.get("/api/v2/pipelines/" + pipeline).data();
        assertThat(pipe.path("order_nr").asLong()).isEqualTo(1);
    }

    @Test
    void softDeleteAndArchive() {
        long org = id(api.post("/api/v2/organizations", "{\"name\":\"Arch Org\"}"));
        long open = id(api.post("/api/v2/deals", "{\"title\":\"Open\",\"org_id\":" + org + "}"));
        long archived = id(api.post("/api/v2/deals", "{\"title\":\"Old\",\"org_id\":" + org + ",\"is_archived\":true}"));
        long deleted = id(api.post("/api/v2/deals", "{\"title\":\"Bye\",\"org_id\":" + org + "}"));
        ApiClient.Resp del = api.delete("/api/v2/deals/" + deleted);
        assertThat(del.text()).isEqualTo("{\"success\":true,\"data\":{\"id\":" + deleted + "}}");
        List<Long> listed = ids(api.get("/api/v2/deals?org_id=" + org));
        assertThat(listed).containsExactly(open);
        assertThat(ids(api.get("/api/v2/deals/archived?org_id=" + org))).containsExactly(archived);
        assertThat(ids(api.get("/api/v2/deals?org_id=" + org + "&status=deleted"))).contains(deleted);
        assertThat(api.patch("/api/v2/deals/" + archived, "{\"title\":\"New\"}").status()).isEqualTo(400);
        assertThat(api.patch("/api/v2/deals/" + deleted, "{\"title\":\"New\"}").status()).isEqualTo(404);
        JsonNode gone = api.get("/api/v2/deals/" + deleted).data();
        assertThat(gone.path("is_deleted").asBoolean()).isTrue();
        assertThat(api.post("/api/v2/persons/" + deleted, "{}").status()).as("no POST resurrection").isIn(404, 405);
    }

    @Test
    void cursorPaginationWalksEveryRowOnce() {
        long org = id(api.post("/api/v2/organizations", "{\"name\":\"Paging\"}"));
        List<Long> created = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            created.add(id(api.post("/api/v2/persons", "{\"name\":\"P" + i + "\",\"org_id\":" + org + "}")));
        }
        List<Long> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            ApiClient.Resp r = api.get("/api/v2/persons?org_id=" + org + "&limit=3" + (cursor == null ? "" : "&cursor=" + cursor));
            seen.addAll(ids(r));
            JsonNode next = r.json().path("additional_data").path("next_cursor");
            cursor = next.isNull() ? null : next.asText();
            pages++;
        } while (cursor != null);
        assertThat(seen).isEqualTo(created);
        assertThat(pages).isEqualTo(3);
        List<Long> desc = ids(api.get("/api/v2/persons?org_id=" + org + "&sort_direction=desc&limit=2"));
        assertThat(desc).containsExactly(created.get(6), created.get(5));
        assertThat(ids(api.get("/api/v2/persons?ids=" + created.get(1) + "," + created.get(3)))).containsExactly(created.get(1), created.get(3));
        assertThat(api.get("/api/v2/persons?limit=501").status()).isEqualTo(400);
        assertThat(api.get("/api/v2/persons?sort_by=name").status()).isEqualTo(400);
        assertThat(api.get("/api/v2/stages?sort_by=order_nr&pipeline_id=1").status()).isEqualTo(200);
    }

    @Test
    void updatedSinceAndUntil() {
        long a = id(api.post("/api/v2/organizations", "{\"name\":\"Early\"}"));
        sandbox.admin().clock().advance(java.time.Duration.ofHours(1));
        String mid = io.atomicmigrate.sandbox.service.Timestamps.v2(sandbox.admin().clock().nowSeconds());
        long b = id(api.post("/api/v2/organizations", "{\"name\":\"Late\"}"));
        assertThat(ids(api.get("/api/v2/organizations?updated_since=" + mid))).contains(b).doesNotContain(a);
        assertThat(ids(api.get("/api/v2/organizations?updated_until=" + mid))).contains(a).doesNotContain(b);
    }

    @Test
    void organizationAddressPatchNullsOmittedSubfields() {
        long org = id(api.post("/api/v2/organizations", "{\"name\":\"Addr\",\"address\":{\"value\":\"1 Main St\",\"locality\":\"Town\",\"country\":\"UK\"}}"));
        JsonNode after = api.patch("/api/v2/organizations/" + org, "{\"address\":{\"value\":\"2 Main St\",\"locality\":\"City\"}}").data();
        assertThat(after.path("address").path("locality").asText()).isEqualTo("City");
        assertThat(after.path("address").path("country").isNull()).isTrue();
    }

    @Test
    void activitiesUseActivityTypeKeysAndDoneTime() {
        JsonNode a = api.post("/api/v2/activities", "{\"subject\":\"Call Jo\",\"type\":\"meeting\",\"due_date\":\"2024-01-02\",\"due_time\":\"10:00:00\",\"done\":true}").data();
        assertThat(a.path("type").asText()).isEqualTo("meeting");
        assertThat(a.path("done").asBoolean()).isTrue();
        assertThat(a.path("marked_as_done_time").asText()).endsWith("Z");
        assertThat(ids(api.get("/api/v2/activities?done=true"))).contains(a.path("id").asLong());
    }

    static List<Long> ids(ApiClient.Resp r) {
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        List<Long> out = new ArrayList<>();
        r.data().forEach(n -> out.add(n.path("id").asLong()));
        return out;
    }
}

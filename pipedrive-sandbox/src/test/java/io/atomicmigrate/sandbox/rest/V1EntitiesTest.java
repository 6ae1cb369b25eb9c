package io.atomicmigrate.sandbox.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.atomicmigrate.sandbox.ApiClient;
import io.atomicmigrate.sandbox.PipedriveSandbox;
import io.atomicmigrate.sandbox.SandboxFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** v1 notes, files, users, activity types, leads, lead labels: checklist 3, 4, 7, 11-13, 22. */
class V1EntitiesTest {
    static PipedriveSandbox sandbox;
    static ApiClient api;
    static long person;
    static long deal;

    @BeforeAll
    static void start() {
        sandbox = SandboxFixture.startWithoutLimits(c -> { });
        api = new ApiClient(sandbox.baseUrl(), SandboxFixture.ADMIN_TOKEN);
        person = api.post("/api/v2/persons", "{\"name\":\"Nora Note\"}").data().path("id").asLong();
        deal = api.post("/api/v2/deals", "{\"title\":\"Noted deal\",\"person_id\":" + person + "}").data().path("id").asLong();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    static void assertV1Error(ApiClient.Resp r, int status) {
        assertThat(r.status()).as(r.text()).isEqualTo(status);
        assertThat(r.json().path("success").asBoolean(true)).isFalse();
        assertThat(r.json().has("error")).isTrue();
        assertThat(r.json().has("data")).isTrue();
        assertThat(r.json().get("data").isNull()).isTrue();
        assertThat(r.json().has("code")).isFalse();
    }

    @Test
    void notesKeepBackdatedAddTimeEmbedParentsAndDeleteToTrue() {
        ApiClient.Resp r = api.post("/api/v1/notes", "{\"content\":\"<p>Hi</p><script>x()</script>\",\"deal_id\":" + deal
                + ",\"person_id\":" + person + ",\"add_time\":\"2015-03-04 05:06:07\",\"pinned_to_deal_flag\":1}");
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        JsonNode n = r.data();
        assertThat(n.path("add_time").asText()).isEqualTo("2015-03-04 05:06:07");
        assertThat(n.path("update_time").asText()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
        assertThat(n.path("content").asText()).isEqualTo("<p>Hi</p>");
        assertThat(n.path("deal").path("title").asText()).isEqualTo("Noted deal");
        assertThat(n.path("person").path("name").asText()).isEqualTo("Nora Note");
        assertThat(n.path("user").path("email").asText()).isEqualTo("ada@acme.example");
        assertThat(n.path("pinned_to_deal_flag").asBoolean()).isTrue();
        long id = n.path("id").asLong();
        JsonNode put = api.put("/api/v1/notes/" + id, "{\"add_time\":\"2030-01-01 00:00:00\"}").data();
        assertThat(put.path("add_time").asText()).isEqualTo("2030-01-01 00:00:00");
        assertThat(api.delete("/api/v1/notes/" + id).text()).isEqualTo("{\"success\":true,\"data\":true}");
        assertV1Error(api.get("/api/v1/notes/" + id), 404);
    }

    @Test
    void noteRules() {
        assertV1Error(api.post("/api/v1/notes", "{\"content\":\"orphan\"}"), 400);
        assertV1Error(api.post("/api/v1/notes", "{\"deal_id\":" + deal + "}"), 400);
        assertV1Error(api.post("/api/v1/notes", "{\"content\":\"x\",\"deal_id\":999999}"), 404);
        assertV1Error(api.post("/api/v1/notes", "{\"content\":\"" + "a".repeat(100_001) + "\",\"deal_id\":" + deal + "}"), 400);
        assertV1Error(api.post("/api/v1/notes", "{\"content\":\"x\",\"person_id\":" + person + ",\"pinned_to_deal_flag\":1}"), 400);
        assertV1Error(api.withToken(SandboxFixture.USER_TOKEN).post("/api/v1/notes", "{\"content\":\"x\",\"deal_id\":" + deal + ",\"user_id\":1}"), 403);
    }

    @Test
    void v1OffsetPagination() {
        for (int i = 0; i < 5; i++) {
            api.post("/api/v1/notes", "{\"content\":\"page " + i + "\",\"person_id\":" + person + "}");
        }
        ApiClient.Resp first = api.get("/api/v1/notes?person_id=" + person + "&limit=3");
        JsonNode pg = first.json().path("additional_data").path("pagination");
        assertThat(first.data()).hasSize(3);
        assertThat(pg.path("more_items_in_collection").asBoolean()).isTrue();
        assertThat(pg.path("next_start").asInt()).isEqualTo(3);
        ApiClient.Resp last = api.get("/api/v1/notes?person_id=" + person + "&start=3&limit=3");
        JsonNode lp = last.json().path("additional_data").path("pagination");
        assertThat(lp.path("more_items_in_collection").asBoolean()).isFalse();
        assertThat(lp.has("next_start")).isFalse();
        assertThat(api.get("/api/v1/notes?limit=501").status()).isEqualTo(400);
        assertThat(api.get("/api/v1/files?limit=101").status()).isEqualTo(400);
    }

    @Test
    void filesUploadDownloadRenameDelete() {
        byte[] content = "hello, pipedrive".getBytes(StandardCharsets.UTF_8);
        ApiClient.Resp up = api.upload("/api/v1/files", "hello.txt", content, Map.of("deal_id", Long.toString(deal)));
        assertThat(up.status()).as(up.text()).isEqualTo(200);
        JsonNode f = up.data();
        assertThat(f.path("file_name").asText()).isEqualTo("hello.txt");
        assertThat(f.path("file_size").asInt()).isEqualTo(content.length);
        assertThat(f.path("deal_id").asLong()).isEqualTo(deal);
        assertThat(f.path("url").asText()).endsWith("/v1/files/" + f.path("id").asLong() + "/download");
        long id = f.path("id").asLong();
        var raw = api.raw("/api/v1/files/" + id + "/download");
        assertThat(raw.statusCode()).isEqualTo(200);
        assertThat(raw.body()).isEqualTo(content);
        assertThat(api.putForm("/api/v1/files/" + id, "name=renamed.txt&description=d").data().path("name").asText()).isEqualTo("renamed.txt");
        assertV1Error(api.upload("/api/v1/files", "x.txt", content, Map.of("note_id", "1")), 400);
        assertThat(api.delete("/api/v1/files/" + id).data().path("id").asLong()).isEqualTo(id);
        assertThat(api.get("/api/v1/files/" + id).data().path("active_flag").asBoolean()).isFalse();
        assertV1Error(api.get("/api/v1/files/" + id + "/download"), 404);
    }

    @Test
    void dealParticipants() {
        long extra = api.post("/api/v2/persons", "{\"name\":\"Second Contact\"}").data().path("id").asLong();
        ApiClient.Resp added = api.post("/api/v1/deals/" + deal + "/participants", "{\"person_id\":" + extra + "}");
        assertThat(added.status()).as(added.text()).isEqualTo(200);
        assertThat(added.data().path("person_id").path("value").asLong()).isEqualTo(extra);
        assertThat(added.data().path("related_item_data").path("deal_id").asLong()).isEqualTo(deal);
        assertV1Error(api.post("/api/v1/deals/" + deal + "/participants", "{\"person_id\":" + extra + "}"), 400);
        assertV1Error(api.post("/api/v1/deals/" + deal + "/participants", "{\"person_id\":999999}"), 404);
        assertV1Error(api.post("/api/v1/deals/999999/participants", "{\"person_id\":" + extra + "}"), 404);
        assertThat(api.get("/api/v1/deals/" + deal + "/participants").data()).hasSize(1);
        long pid = added.data().path("id").asLong();
        assertThat(api.delete("/api/v1/deals/" + deal + "/participants/" + pid).data().path("id").asLong()).isEqualTo(pid);
        assertThat(api.get("/api/v1/deals/" + deal + "/participants").data()).isEmpty();
    }

    @Test
    void usersListFindAndAdd() {
        JsonNode users = api.get("/api/v1/users").data();
        assertThat(users).hasSize(2);
        assertThat(api.get("/api/v1/users").json().has("additional_data")).isFalse();
        JsonNode found = api.get("/api/v1/users/find?term=uma@acme.example&search_by_email=1").data();
        assertThat(found).hasSize(1);
        assertThat(found.get(0).path("id").asLong()).isEqualTo(2);
        assertThat(api.post("/api/v1/users", "{\"email\":\"new@acme.example\"}").data().path("email").asText()).isEqualTo("new@acme.example");
        assertV1Error(api.withToken(SandboxFixture.USER_TOKEN).post("/api/v1/users", "{\"email\":\"x@acme.example\"}"), 403);
    }

    @Test
    void activityTypesDefaultsAndRules() {
        JsonNode types = api.get("/api/v1/activityTypes").data();
        assertThat(types).extracting(t -> t.path("key_string").asText()).startsWith("call", "meeting", "task", "deadline", "email", "lunch");
        JsonNode vc = api.post("/api/v1/activityTypes", "{\"name\":\"Video call\",\"icon_key\":\"camera\",\"color\":\"FFAA00\"}").data();
        assertThat(vc.path("key_string").asText()).isEqualTo("video_call");
        assertThat(vc.path("is_custom_flag").asBoolean()).isTrue();
        JsonNode vc2 = api.post("/api/v1/activityTypes", "{\"name\":\"Video call\",\"icon_key\":\"camera\"}").data();
        assertThat(vc2.path("key_string").asText()).isEqualTo("video_call_2");
        assertV1Error(api.post("/api/v1/activityTypes", "{\"name\":\"X\",\"icon_key\":\"rocket\"}"), 400);
        assertV1Error(api.post("/api/v1/activityTypes", "{\"name\":\"X\",\"icon_key\":\"call\",\"color\":\"#FFFFFF\"}"), 400);
        assertThat(api.post("/api/v2/activities", "{\"subject\":\"VC\",\"type\":\"video_call\"}").status()).isEqualTo(200);
        assertThat(api.delete("/api/v1/activityTypes/" + vc.path("id").asLong()).data().path("active_flag").asBoolean()).isFalse();
        assertThat(api.post("/api/v2/activities", "{\"subject\":\"VC\",\"type\":\"video_call\"}").status()).isEqualTo(400);
    }

    @Test
    void leadsAndLabels() {
        JsonNode labels = api.get("/api/v1/leadLabels").data();
        assertThat(labels).extracting(l -> l.path("name").asText()).containsExactly("Hot", "Warm", "Cold");
        String hot = labels.get(0).path("id").asText();
        assertThat(hot).matches("[0-9a-f-]{36}");
        ApiClient.Resp created = api.post("/api/v1/leads", "{\"title\":\"Lead 1\",\"person_id\":" + person
                + ",\"label_ids\":[\"" + hot + "\"],\"value\":{\"amount\":200,\"currency\":\"EUR\"},\"visible_to\":\"3\"}");
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        JsonNode lead = created.data();
        assertThat(lead.path("source_name").asText()).isEqualTo("API");
        assertThat(lead.path("origin").asText()).isEqualTo("API");
        assertThat(lead.path("add_time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        String id = lead.path("id").asText();
        assertV1Error(api.post("/api/v1/leads", "{\"title\":\"No parent\"}"), 400);
        assertV1Error(api.post("/api/v1/leads", "{\"person_id\":" + person + "}"), 400);
        assertV1Error(api.post("/api/v1/leads", "{\"title\":\"T\",\"person_id\":" + person + ",\"value\":{\"amount\":1}}"), 400);
        assertV1Error(api.post("/api/v1/leads", "{\"title\":\"T\",\"person_id\":" + person + ",\"label_ids\":[\"nope\"]}"), 400);
        assertV1Error(api.post("/api/v1/leads", "{\"title\":\"T\",\"person_id\":" + person + ",\"visible_to\":3}"), 400);
        assertV1Error(api.post("/api/v1/leads", "{\"title\":\"T\",\"person_id\":" + person + ",\"add_time\":\"2020-01-01 00:00:00\"}"), 400);
        assertThat(api.patch("/api/v1/leads/" + id, "{\"is_archived\":true}").status()).isEqualTo(200);
        assertThat(api.get("/api/v1/leads").data()).extracting(l -> l.path("id").asText()).doesNotContain(id);
        assertThat(api.get("/api/v1/leads/archived").data()).extracting(l -> l.path("id").asText()).contains(id);
        assertV1Error(api.patch("/api/v1/leads/" + id, "{\"title\":\"changed\"}"), 400);
        assertThat(api.delete("/api/v1/leads/" + id).data().path("id").asText()).isEqualTo(id);
        assertV1Error(api.get("/api/v1/leads/" + id), 404);
        assertThat(api.get("/api/v1/leads/" + id).json().path("error").asText()).isEqualTo("requested lead not found");

        assertV1Error(api.post("/api/v1/leadLabels", "{\"name\":\"Teal\",\"color\":\"teal\"}"), 400);
        JsonNode label = api.post("/api/v1/leadLabels", "{\"name\":\"Fresh\",\"color\":\"green\"}").data();
        assertThat(api.patch("/api/v1/leadLabels/" + label.path("id").asText(), "{\"color\":\"purple\"}").data().path("color").asText()).isEqualTo("purple");
        assertThat(api.delete("/api/v1/leadLabels/" + label.path("id").asText()).status()).isEqualTo(200);
        assertV1Error(api.delete("/api/v1/leadLabels/" + label.path("id").asText()), 404);
    }
}

package io.atomicmigrate.sandbox.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.atomicmigrate.sandbox.ApiClient;
import io.atomicmigrate.sandbox.PipedriveSandbox;
import io.atomicmigrate.sandbox.SandboxFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Checklist 16: search params, term length, case-insensitive exact match, string arrays, indexing delay. */
class SearchTest {
    static PipedriveSandbox sandbox;
    static ApiClient api;

    @BeforeAll
    static void start() {
        sandbox = SandboxFixture.startWithoutLimits(c -> c.behaviour.searchIndexDelaySeconds = 5);
        api = new ApiClient(sandbox.baseUrl(), SandboxFixture.ADMIN_TOKEN);
        // frozen: the indexing delay must not elapse on its own on a slow machine
        sandbox.admin().clock().freeze();
        long org = api.post("/api/v2/organizations", "{\"name\":\"Initech\"}").data().path("id").asLong();
        api.post("/api/v2/persons", "{\"name\":\"Peter Gibbons\",\"org_id\":" + org + ",\"emails\":[{\"value\":\"peter@initech.example\"}],\"phones\":[{\"value\":\"555-0101\"}]}");
        api.post("/api/v2/persons", "{\"name\":\"Peter\",\"emails\":[{\"value\":\"p2@other.example\"}]}");
        sandbox.admin().clock().advance(Duration.ofSeconds(10));
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void findsByNameAndEmailWithPlainStringArrays() {
        ApiClient.Resp r = api.get("/api/v2/persons/search?term=gibbons");
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        JsonNode items = r.data().path("items");
        assertThat(items).hasSize(1);
        JsonNode item = items.get(0).path("item");
        assertThat(item.path("type").asText()).isEqualTo("person");
        assertThat(item.path("emails").get(0).isTextual()).isTrue();
        assertThat(item.path("phones").get(0).asText()).isEqualTo("555-0101");
        assertThat(item.path("organization").path("name").asText()).isEqualTo("Initech");
        assertThat(api.get("/api/v2/persons/search?term=initech.example&fields=email").data().path("items")).hasSize(1);
        assertThat(api.get("/api/v2/organizations/search?term=initech").data().path("items")).hasSize(1);
    }

    @Test
    void exactMatchIsCaseInsensitiveAndWhole() {
        JsonNode items = api.get("/api/v2/persons/search?term=PETER&exact_match=true&fields=name").data().path("items");
        assertThat(items).hasSize(1);
        assertThat(items.get(0).path("item").path("name").asText()).isEqualTo("Peter");
    }

    @Test
    void termLengthRules() {
        assertThat(api.get("/api/v2/persons/search?term=p").status()).isEqualTo(400);
        assertThat(api.get("/api/v2/persons/search?term=p&exact_match=true").status()).isEqualTo(200);
        assertThat(api.get("/api/v2/persons/search?term=pe&fields=title").status()).isEqualTo(400);
    }

    @Test
    void newRecordsAreSearchableOnlyAfterTheIndexingDelay() {
        api.post("/api/v2/persons", "{\"name\":\"Milton Waddams\"}");
        assertThat(api.get("/api/v2/persons/search?term=milton").data().path("items")).isEmpty();
        sandbox.admin().clock().advance(Duration.ofSeconds(6));
        assertThat(api.get("/api/v2/persons/search?term=milton").data().path("items")).hasSize(1);
    }

    @Test
    void itemSearchAcrossTypesAndFieldSearch() {
        long person = api.get("/api/v2/persons/search?term=gibbons").data().path("items").get(0).path("item").path("id").asLong();
        api.post("/api/v2/deals", "{\"title\":\"Initech renewal\",\"person_id\":" + person + "}");
        api.post("/api/v1/leads", "{\"title\":\"Initech upsell\",\"person_id\":" + person + "}");
        sandbox.admin().clock().advance(Duration.ofSeconds(6));
        JsonNode items = api.get("/api/v2/itemSearch?term=initech").data().path("items");
        java.util.Set<String> types = new java.util.HashSet<>();
        items.forEach(i -> types.add(i.path("item").path("type").asText()));
        assertThat(types).contains("organization", "deal", "lead");
        assertThat(api.get("/api/v2/itemSearch?term=initech&item_types=deal").data().path("items"))
                .allSatisfy(i -> assertThat(i.path("item").path("type").asText()).isEqualTo("deal"));
        assertThat(api.get("/api/v2/itemSearch?term=initech&limit=101").status()).isEqualTo(400);
        JsonNode leads = api.get("/api/v2/leads/search?term=upsell").data().path("items");
        assertThat(leads).hasSize(1);
        assertThat(leads.get(0).path("item").path("id").asText()).matches("[0-9a-f-]{36}");
        // itemSearch/field is case-sensitive
        assertThat(api.get("/api/v2/itemSearch/field?term=Peter&entity_type=person&field=name&match=beginning").data()).hasSize(2);
        assertThat(api.get("/api/v2/itemSearch/field?term=peter&entity_type=person&field=name&match=beginning").data()).isEmpty();
        assertThat(api.get("/api/v2/itemSearch/field?term=Peter&entity_type=person&field=name").data()).hasSize(1);
    }

    @Test
    void deletedRecordsAreNotFound() {
        long id = api.post("/api/v2/persons", "{\"name\":\"Bill Lumbergh\"}").data().path("id").asLong();
        sandbox.admin().clock().advance(Duration.ofSeconds(6));
        assertThat(api.get("/api/v2/persons/search?term=lumbergh").data().path("items")).hasSize(1);
        api.delete("/api/v2/persons/" + id);
        sandbox.admin().clock().advance(Duration.ofSeconds(6));
        assertThat(api.get("/api/v2/persons/search?term=lumbergh").data().path("items")).isEmpty();
    }
}

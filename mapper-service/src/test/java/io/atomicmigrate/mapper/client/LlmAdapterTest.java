package io.atomicmigrate.mapper.client;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

import io.atomicmigrate.mapper.rest.MapReviewFlowTest;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The optional LLM adapter against a local stand-in server: its suggestions are merged as
 * proposals with their own reasons, nonsense is ignored, a failing endpoint changes nothing, the
 * key goes only in the Authorization header, and nothing is ever approved by it.
 */
@QuarkusTest
@WithTestResource(LlmStubServer.class)
class LlmAdapterTest {

    static final String LINE = "map.document.objects.find { it.source == 'contacts' }.fields.find { it.id == '%s' }";

    @Test
    void suggestionsAreMergedAsUnapprovedProposalsWithTheirReasons() {
        LlmStubServer.failing = false;
        String id = MapReviewFlowTest.discover("llm-" + UUID.randomUUID());
        JsonPath map = given().get("/api/migrations/{id}/map", id).then().statusCode(200)
                .body("map.proposedBy", is("engine+llm")).body("map.approved", is(false)).extract().jsonPath();
        assertThat(map.getString(LINE.formatted("contacts.preferences") + ".origin")).isEqualTo("llm");
        assertThat(map.getString(LINE.formatted("contacts.preferences") + ".target.custom.name")).isEqualTo("Contact preferences");
        assertThat(map.getString(LINE.formatted("contacts.preferences") + ".reason"))
                .startsWith("LLM suggestion: language, newsletter").contains("(engine: ");
        assertThat(map.getFloat(LINE.formatted("contacts.preferences") + ".confidence")).isEqualTo(0.7f);
        // the malformed suggestion left the engine's line alone
        assertThat(map.getString(LINE.formatted("contacts.external_uuid") + ".origin")).isEqualTo("profile");
        assertThat(LlmStubServer.AUTHORIZATIONS).contains("Bearer test-key-123");
        String request = LlmStubServer.REQUESTS.get(LlmStubServer.REQUESTS.size() - 1);
        assertThat(request).contains("\"model\":\"stub-model\"").contains("contacts.preferences")
                .doesNotContain("test-key-123");
        given().get("/api/migrations/{id}/map/versions", id).then().body("approved", org.hamcrest.Matchers.everyItem(is(false)));
    }

    @Test
    void aFailingEndpointLeavesTheEngineProposal() {
        LlmStubServer.failing = true;
        try {
            String id = MapReviewFlowTest.discover("llm-down-" + UUID.randomUUID());
            JsonPath map = given().get("/api/migrations/{id}/map", id).then().statusCode(200).extract().jsonPath();
            assertThat(map.getString(LINE.formatted("contacts.preferences") + ".origin")).isEqualTo("profile");
        } finally {
            LlmStubServer.failing = false;
        }
    }
}

package io.atomicmigrate.extractor.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

import io.atomicmigrate.common.internal.DestinationAccess;
import io.atomicmigrate.localstack.LocalStackTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Without {@code PLATFORM_INTERNAL_TOKEN} the internal endpoints are off (503), never open. */
@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
@TestProfile(InternalTokenMissingTest.NoInternalToken.class)
class InternalTokenMissingTest {

    public static class NoInternalToken implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("extractor.internal-token", "");
        }
    }

    @Test
    void withoutAConfiguredTokenEveryCallIs503() {
        for (String authorization : new String[] {"Bearer " + InternalDestinationResourceTest.INTERNAL_TOKEN,
                "Bearer ", "Bearer anything"}) {
            given().header("Authorization", authorization).when().get(DestinationAccess.path("mig-any"))
                    .then().statusCode(503).body("code", is("INTERNAL_TOKEN_MISSING"))
                    .body(not(containsString("anything")));
        }
        given().when().get(DestinationAccess.path("mig-any")).then().statusCode(503);
    }
}

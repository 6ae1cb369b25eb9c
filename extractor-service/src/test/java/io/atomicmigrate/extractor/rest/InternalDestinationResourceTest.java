package io.atomicmigrate.extractor.rest;

import static io.atomicmigrate.extractor.TestSupport.createMigration;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import io.atomicmigrate.common.internal.DestinationAccess;
import io.atomicmigrate.localstack.LocalStackTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

/** The internal credentials endpoint the loader and the reconciler call (contract: {@link DestinationAccess}). */
@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
class InternalDestinationResourceTest {

    /** {@code %test.extractor.internal-token} in application.properties. */
    static final String INTERNAL_TOKEN = "test-only-internal-token";

    private static Response fetch(String migrationId, String authorization) {
        var request = given();
        if (authorization != null) {
            request = request.header("Authorization", authorization);
        }
        return request.when().get(DestinationAccess.path(migrationId));
    }

    @Test
    void theRightBearerTokenGetsTheDecryptedTokenAndTheCompanyBaseUrl() {
        String id = createMigration("""
                {"name": "internal", "source": {"host": "db.acme.supabase.co", "database": "postgres"},
                 "destination": {"companyDomain": "acme", "apiToken": "pd-token-internal-1"}}""");
        fetch(id, "Bearer " + INTERNAL_TOKEN).then().statusCode(200)
                .body("migrationId", is(id))
                .body("baseUrl", is("https://acme.pipedrive.com"))
                .body("apiToken", is("pd-token-internal-1"));
        // the scheme name is case-insensitive (RFC 7235)
        fetch(id, "bearer " + INTERNAL_TOKEN).then().statusCode(200);

        // the public API still shows only that a token is set
        String publicView = given().when().get("/migrations/" + id).then().statusCode(200)
                .body("destinationTokenSet", is(true)).extract().asString();
        assertThat(publicView).doesNotContain("pd-token-internal-1");
    }

    @Test
    void aSandboxBaseUrlComesBackWithoutTrailingSlashAndAMissingTokenAsNull() {
        String id = createMigration("""
                {"name": "sandbox", "source": {"host": "db.acme.supabase.co", "database": "postgres"},
                 "destination": {"baseUrl": "http://localhost:8090//"}}""");
        fetch(id, "Bearer " + INTERNAL_TOKEN).then().statusCode(200)
                .body("baseUrl", is("http://localhost:8090"))
                .body("apiToken", nullValue());
    }

    @Test
    void aMissingOrWrongBearerTokenIs401AndSaysNothingAboutTheToken() {
        String id = createMigration("""
                {"name": "refused", "source": {"host": "db.acme.supabase.co", "database": "postgres"},
                 "destination": {"companyDomain": "acme", "apiToken": "pd-token-internal-2"}}""");
        for (String authorization : new String[] {null, "", "Bearer", "Bearer ", "Bearer wrong-token",
                "Bearer " + INTERNAL_TOKEN + "x", "Bearer " + INTERNAL_TOKEN.substring(1),
                "Basic " + INTERNAL_TOKEN, INTERNAL_TOKEN}) {
            String body = fetch(id, authorization).then().statusCode(401)
                    .header("WWW-Authenticate", "Bearer")
                    .body("code", is("UNAUTHORIZED")).extract().asString();
            assertThat(body).as("answer to %s", authorization)
                    .doesNotContain(INTERNAL_TOKEN).doesNotContain("wrong-token").doesNotContain("pd-token");
        }
        // an unknown migration is not revealed to a caller without the token
        fetch("mig-does-not-exist", "Bearer wrong-token").then().statusCode(401);
    }

    @Test
    void anUnknownMigrationIs404() {
        fetch("mig-does-not-exist", "Bearer " + INTERNAL_TOKEN).then().statusCode(404)
                .body("code", is("NOT_FOUND"));
    }
}

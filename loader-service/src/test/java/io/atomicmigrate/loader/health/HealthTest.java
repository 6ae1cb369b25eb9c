package io.atomicmigrate.loader.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;

import io.atomicmigrate.localstack.LocalStackTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The service starts against the real broker and database and says so on /q/health. */
@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
class HealthTest {

    @Test
    void isUpWithItsKafkaAndDatabaseChecks() {
        given().when().get("/q/health").then().statusCode(200)
                .body("status", is("UP"))
                .body("checks.name", hasItems("Kafka connection health check",
                        "Database connections health check"));
    }
}

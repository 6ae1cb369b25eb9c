package io.atomicmigrate.reconciler.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.atomicmigrate.common.events.EventEnvelope;
import io.atomicmigrate.common.events.Phase;
import io.atomicmigrate.common.events.payload.BudgetState;
import io.atomicmigrate.localstack.LocalStackTestResource;
import io.atomicmigrate.reconciler.TopicIo;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The loader's budget.state events, as the status REST shows them: tokens left, writers waiting,
 * paused until when and why; the latest state wins, an older one arriving late changes nothing.
 */
@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
class BudgetStateTest {

    static EventEnvelope<BudgetState> budget(String m, Instant at, BudgetState state) {
        return new EventEnvelope<>(UUID.randomUUID(), "budget.state", m, "run-of-" + m, Phase.PERSONS, at,
                EventEnvelope.CURRENT_SCHEMA_VERSION, state);
    }

    @Test
    void theStatusShowsTokensLeftWaitingAndWhyTheAccountIsPausedAndTheLatestStateWins() {
        String m = "mig-budget-" + UUID.randomUUID();
        given().when().get("/migrations/" + m).then().statusCode(200)
                .body("rateBudget", org.hamcrest.Matchers.nullValue());

        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Instant until = now.plusSeconds(120);
        TopicIo.publish(budget(m, now, new BudgetState(14, 80, 2000, 37, 30000L, 1250, 28750L, 3, until,
                "RATE_LIMITED", 1)));
        JsonPath paused = await(m, s -> s.get("rateBudget") != null);
        assertThat(paused.getLong("rateBudget.tokensLeft")).isEqualTo(28750);
        assertThat(paused.getLong("rateBudget.dailyBudget")).isEqualTo(30000);
        assertThat(paused.getInt("rateBudget.waitingWriters")).isEqualTo(3);
        assertThat(paused.getBoolean("rateBudget.paused")).isTrue();
        assertThat(Instant.parse(paused.getString("rateBudget.pausedUntil"))).isEqualTo(until);
        assertThat(paused.getString("rateBudget.pauseReason")).isEqualTo("RATE_LIMITED");
        assertThat(paused.getLong("rateBudget.rateLimitedCount")).isEqualTo(1);

        // resumed; then an older state arrives late (another partition, a redelivery): it changes nothing
        TopicIo.publish(budget(m, now.plusSeconds(5), new BudgetState(14, 80, 2000, 5, 30000L, 1300, 28700L, 0, null,
                        null, 1)),
                budget(m, now.minusSeconds(60), new BudgetState(14, 80, 2000, 80, 30000L, 900, 29100L, 9, until,
                        "DAILY_BUDGET_SPENT", 0)),
                // same key, so the same partition: once this is in, both budget states before it are too
                io.atomicmigrate.reconciler.Pipeline.mapApproved(m, 1));
        JsonPath resumed = await(m, s -> s.getMap("lifecycle").containsKey("map.approved"));
        assertThat(resumed.getLong("rateBudget.tokensLeft")).isEqualTo(28700);
        assertThat(resumed.getBoolean("rateBudget.paused")).isFalse();
        assertThat(resumed.getString("rateBudget.pausedUntil")).isNull();
        assertThat(resumed.getInt("rateBudget.waitingWriters")).isZero();
        // budget states are not lifecycle history
        assertThat(resumed.getMap("lifecycle")).doesNotContainKey("budget.state");
    }

    private static JsonPath await(String m, Predicate<JsonPath> done) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            JsonPath status = given().when().get("/migrations/" + m).then().statusCode(200).extract().jsonPath();
            if (done.test(status) || System.nanoTime() > deadline) {
                return status;
            }
            TopicIo.sleep(200);
        }
    }
}

package io.atomicmigrate.loader.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.atomicmigrate.common.events.EventEnvelope;
import io.atomicmigrate.common.events.Phase;
import io.atomicmigrate.common.events.payload.BudgetState;
import io.atomicmigrate.common.events.payload.RecordMapped;
import io.atomicmigrate.common.events.payload.RecordOutcome;
import io.atomicmigrate.common.json.EventCodec;
import io.atomicmigrate.common.topics.Topics;
import io.atomicmigrate.loader.service.ConfiguredDestinationCredentials;
import io.atomicmigrate.loader.service.DestinationCredentials;
import io.atomicmigrate.loader.service.DestinationSetup;
import io.atomicmigrate.loader.support.LoaderTestResource;
import io.atomicmigrate.loader.support.Records;
import io.atomicmigrate.loader.support.TestMaps;
import io.atomicmigrate.loader.support.TestSandbox;
import io.atomicmigrate.localstack.LocalStackTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * budget.state over Kafka: while the loader writes to an account, each migration writing there
 * hears the account's budget; a 429 is announced at once with its reason and end, and so is the
 * resume. The token is in none of it.
 */
@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
@WithTestResource(LoaderTestResource.class)
class BudgetStateEventTest {

    @Inject
    DestinationSetup setup;
    @Inject
    ConfiguredDestinationCredentials credentials;

    static boolean paused(EventEnvelope<?> e) {
        return e.payload() instanceof BudgetState s && "RATE_LIMITED".equals(s.pauseReason());
    }

    @Test
    void a429IsAnnouncedAtOnceToTheMigrationWritingAndSoIsTheResume() {
        TestSandbox.Account a = TestSandbox.newAccount("ultimate");
        String m = "budget-" + UUID.randomUUID();
        credentials.register(m, new DestinationCredentials.Destination(TestSandbox.get().baseUrl(), a.token()));
        setup.setUp(TestMaps.map(m), "h");
        // the first organization create is refused with a burst 429 (Retry-After 10 s)
        TestSandbox.addFault(a.domain(), Map.of("kind", "FORCE_429_BURST", "method", "POST",
                "pathRegex", ".*/organizations$", "times", 1));

        List<RecordMapped> orgs = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            orgs.add(Records.organization("" + i, "Org " + i, null));
        }
        io.atomicmigrate.loader.support.Topics.publishAll(orgs.stream().map(r -> new EventEnvelope<>(UUID.randomUUID(),
                "record.mapped", m, "run-7", Phase.ORGANIZATIONS, Instant.now(), 1, r)).toList());

        List<EventEnvelope<?>> events = io.atomicmigrate.loader.support.Topics.await(Topics.MIGRATION_EVENTS, m,
                Duration.ofSeconds(60), seen -> {
                    int p = indexOfFirst(seen);
                    return p >= 0 && seen.subList(p, seen.size()).stream()
                            .anyMatch(e -> e.payload() instanceof BudgetState s && s.pauseReason() == null);
                });
        List<EventEnvelope<?>> states = events.stream().filter(e -> e.payload() instanceof BudgetState).toList();
        int p = indexOfFirst(states);
        assertThat(p).as("a budget.state with RATE_LIMITED among " + states).isNotNegative();

        EventEnvelope<?> pausedEvent = states.get(p);
        BudgetState paused = (BudgetState) pausedEvent.payload();
        assertThat(pausedEvent.type()).isEqualTo("budget.state");
        assertThat(pausedEvent.runId()).isEqualTo("run-7");
        assertThat(pausedEvent.phase()).isEqualTo(Phase.ORGANIZATIONS);
        assertThat(paused.companyId()).isEqualTo(a.companyId());
        assertThat(paused.pausedUntil()).as("the end of the penalty").isAfter(pausedEvent.occurredAt());
        assertThat(paused.rateLimitedCount()).isPositive();
        assertThat(paused.burstWindowMillis()).isEqualTo(2_000);
        assertThat(paused.tokensSpentToday()).isPositive();

        EventEnvelope<?> resumedEvent = states.subList(p, states.size()).stream()
                .filter(e -> ((BudgetState) e.payload()).pauseReason() == null).findFirst().orElseThrow();
        BudgetState resumed = (BudgetState) resumedEvent.payload();
        assertThat(resumed.pausedUntil()).isNull();
        assertThat(resumed.companyId()).isEqualTo(a.companyId());
        assertThat(resumedEvent.occurredAt()).as("announced when the pause is over, not before")
                .isAfterOrEqualTo(paused.pausedUntil());
        assertThat(resumedEvent.runId()).isEqualTo("run-7");

        EventCodec codec = new EventCodec();
        assertThat(states).allSatisfy(e -> {
            assertThat(e.migrationId()).isEqualTo(m);
            assertThat(new String(codec.encode(e), StandardCharsets.UTF_8)).doesNotContain(a.token());
        });

        // and the records themselves: each created once, the refused create retried after the pause
        List<EventEnvelope<?>> outcomes = io.atomicmigrate.loader.support.Topics.await(Topics.RECORDS_OUTCOMES, m,
                Duration.ofSeconds(60), seen -> seen.size() >= 3);
        assertThat(outcomes).extracting(e -> ((RecordOutcome) e.payload()).outcome())
                .containsExactly(RecordOutcome.Outcome.CREATED, RecordOutcome.Outcome.CREATED, RecordOutcome.Outcome.CREATED);
        assertThat(TestSandbox.count(a.domain(), "organization")).isEqualTo(3);
        assertThat(TestSandbox.count429(a.domain())).isEqualTo(1);
    }

    private static int indexOfFirst(List<EventEnvelope<?>> events) {
        for (int i = 0; i < events.size(); i++) {
            if (paused(events.get(i))) {
                return i;
            }
        }
        return -1;
    }
}

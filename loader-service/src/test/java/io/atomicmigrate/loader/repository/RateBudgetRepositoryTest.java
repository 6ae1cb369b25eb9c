package io.atomicmigrate.loader.repository;

import static org.assertj.core.api.Assertions.assertThat;

import io.atomicmigrate.loader.support.LoaderTestResource;
import io.atomicmigrate.localstack.LocalStackTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/** The shared budget's arithmetic in Postgres: the rolling window, the daily budget, the account pause. */
@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
@WithTestResource(LoaderTestResource.class)
class RateBudgetRepositoryTest {

    @Inject
    RateBudgetRepository repository;

    static long account() {
        return ThreadLocalRandom.current().nextLong(1_000_000, Long.MAX_VALUE);
    }

    static final long BOUND = 60_000;

    /** Answers every grant of a reservation: released a window + 50 ms after its start (answered at once). */
    List<Long> answered(String token, RateBudgetRepository.Reservation r) {
        for (RateBudgetRepository.Grant g : r.grants()) {
            repository.release(token, List.of(g.id()), g.at() + 2_050);
        }
        return r.slots();
    }

    @Test
    void noRollingWindowEverHoldsMoreThanTheLimitAcrossReservations() {
        String token = "t-" + UUID.randomUUID();
        long account = account();
        long now = 1_000_000;
        List<Long> slots = new ArrayList<>();
        for (int batch = 0; batch < 15; batch++) {
            // reservations of 4 slots, some made later than others, as replicas would
            slots.addAll(answered(token, repository.reserve(token, account, 4, 20, 20, 2_000, 30_000,
                    now + batch * 37L, BOUND)));
        }
        assertThat(slots).hasSize(60).isSorted();
        for (int i = 20; i < slots.size(); i++) {
            assertThat(slots.get(i) - slots.get(i - 20)).as("slot " + i).isGreaterThanOrEqualTo(2_050);
        }
        assertThat(slots.subList(0, 20)).allSatisfy(s -> assertThat(s).isLessThan(now + 15 * 37L));
        assertThat(slots.get(59) - slots.get(0)).isLessThan(2 * 2_050 + 15 * 37L + 1);
    }

    @Test
    void aRequestInFlightHoldsItsPermitUntilAnsweredOrItsBoundHasPassed() {
        String token = "t-" + UUID.randomUUID();
        long account = account();
        long now = 1_000_000;
        var first = repository.reserve(token, account, 20, 100, 20, 2_000, 30_000, now, BOUND);
        assertThat(first.slots()).hasSize(20).containsOnly(now);
        assertThat(repository.permitsHeld(List.of(token), now + 10_000)).isEqualTo(20);
        // all 20 in flight: nothing to grant, not even for later
        assertThat(repository.reserve(token, account, 4, 0, 20, 2_000, 30_000, now + 10_000, BOUND).grants()).isEmpty();
        // one is answered: its permit is free from its release on, and only that one
        repository.release(token, List.of(first.grants().get(3).id()), now + 12_000);
        var next = repository.reserve(token, account, 4, 0, 20, 2_000, 30_000, now + 10_000, BOUND);
        assertThat(next.slots()).containsExactly(now + 12_000);
        // a replica that died never answers: its permits are free once the bound has passed
        var late = repository.reserve(token, account, 4, 0, 20, 2_000, 30_000, now + BOUND + 1, BOUND);
        assertThat(late.slots()).hasSize(4).containsOnly(now + BOUND + 1);
    }

    @Test
    void aSpentDailyBudgetPausesTheAccountUntilTheNextUtcDay() {
        String token = "t-" + UUID.randomUUID();
        long account = account();
        long now = System.currentTimeMillis();
        var first = repository.reserve(token, account, 4, 100, 20, 2_000, 120, now, BOUND);
        assertThat(first.tokens()).isEqualTo(100);
        assertThat(first.tokensLeft()).isEqualTo(20);
        var partial = repository.reserve(token, account, 0, 100, 20, 2_000, 120, now, BOUND);
        assertThat(partial.tokens()).isEqualTo(20);
        var none = repository.reserve(token, account, 4, 100, 20, 2_000, 120, now, BOUND);
        assertThat(none.tokens()).isZero();
        assertThat(none.slots()).isEmpty();
        Instant midnight = LocalDate.now(ZoneOffset.UTC).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        assertThat(none.pausedUntil()).isEqualTo(midnight);
        assertThat(none.pauseReason()).isEqualTo("daily");
        assertThat(repository.daily(account).spent()).isEqualTo(120);
    }

    @Test
    void aPauseMovesEverySlotOfTheAccountBehindIt() {
        String token = "t-" + UUID.randomUUID();
        long account = account();
        long now = System.currentTimeMillis();
        Instant until = Instant.ofEpochMilli(now + 10_000);
        repository.pause(account, until, "burst", 30_000);
        var r = repository.reserve(token, account, 4, 20, 20, 2_000, 30_000, now, BOUND);
        assertThat(r.slots()).allSatisfy(s -> assertThat(s).isGreaterThanOrEqualTo(until.toEpochMilli()));
        answered(token, r);
        repository.correctLimit(token, account, 5, 2_000);
        var corrected = repository.reserve(token, account, 4, 20, 20, 2_000, 30_000, now, BOUND);
        assertThat(corrected.windowLimit()).isEqualTo(5);
        // with a limit of 5, the 6th grant waits until the 1st request's permit is released
        assertThat(corrected.slots().get(1)).isGreaterThanOrEqualTo(r.slots().get(0) + 2_050);
    }
}

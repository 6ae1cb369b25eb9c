package io.atomicmigrate.extractor.service.scoping;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ScopingEstimatorTest {

    @Test
    void aLoadWithinTheDailyBudgetIsLimitedByTheBurstWindow() {
        // 10,000 calls at 20 per 2 s = 1,000 s; 50,000 tokens fit Lite's 30,000 × 2 seats
        ScopingReport.PlanDuration d = ScopingEstimator.duration(PipedrivePlan.LITE, 2, 10_000, 50_000);
        assertThat(d.dailyTokens()).isEqualTo(60_000);
        assertThat(d.burstSeconds()).isEqualTo(1_000.0);
        assertThat(d.budgetDays()).isEqualTo(1);
        assertThat(d.estimatedSeconds()).isEqualTo(1_000.0);
        assertThat(d.bottleneck()).isEqualTo("BURST");
        assertThat(d.estimatedDuration()).isEqualTo("16 min 40 s");
    }

    @Test
    void aLoadBeyondTheDailyBudgetWaitsForTheResets() {
        // 1,000,000 tokens on Lite with one seat: 34 budget days, 33 of them spent waiting for the reset
        ScopingReport.PlanDuration lite = ScopingEstimator.duration(PipedrivePlan.LITE, 1, 200_000, 1_000_000);
        assertThat(lite.budgetDays()).isEqualTo(34);
        assertThat(lite.bottleneck()).isEqualTo("DAILY_BUDGET");
        assertThat(lite.estimatedSeconds()).isGreaterThan(33 * 86_400.0).isLessThan(34 * 86_400.0);
        ScopingReport.PlanDuration ultimate = ScopingEstimator.duration(PipedrivePlan.ULTIMATE, 10, 200_000, 1_000_000);
        assertThat(ultimate.dailyTokens()).isEqualTo(2_100_000);
        assertThat(ultimate.bottleneck()).isEqualTo("BURST");
        assertThat(ultimate.burstSeconds()).isEqualTo(200_000 / 60.0, org.assertj.core.data.Offset.offset(0.1));
    }
}

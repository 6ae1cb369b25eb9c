package io.atomicmigrate.sandbox.config;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;

/**
 * A company account to create. The first user is the creator (admin, {@code has_created_company}).
 * {@code dailyBudget} overrides the plan formula 30,000 x multiplier x seats; {@code topUp} is added to it.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AccountSpec(String companyDomain, String companyName, String plan, Integer seats,
                          Long dailyBudget, Long topUp, Boolean defaultContents, List<UserSpec> users) {

    public static AccountSpec of(String companyDomain, String plan, UserSpec... users) {
        return new AccountSpec(companyDomain, null, plan, null, null, null, true, List.of(users));
    }

    public Plan planOrDefault() {
        return Plan.of(plan);
    }

    public int seatsOrDefault() {
        return seats == null ? Math.max(1, users == null ? 1 : users.size()) : seats;
    }

    public long effectiveDailyBudget() {
        long base = dailyBudget != null ? dailyBudget
                : Plan.BASE_DAILY_TOKENS * planOrDefault().multiplier * seatsOrDefault();
        return base + (topUp == null ? 0 : topUp);
    }

    public boolean withDefaultContents() {
        return defaultContents == null || defaultContents;
    }

    public String companyNameOrDefault() {
        return companyName != null ? companyName : companyDomain;
    }

    public AccountSpec withDailyBudget(long budget) {
        return new AccountSpec(companyDomain, companyName, plan, seats, budget, topUp, defaultContents, users);
    }
}

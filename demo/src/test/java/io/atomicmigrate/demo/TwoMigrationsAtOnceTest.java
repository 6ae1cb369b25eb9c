package io.atomicmigrate.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.atomicmigrate.demo.client.MigrationRequest;
import io.atomicmigrate.demo.service.DemoDestination;
import io.atomicmigrate.demo.service.DemoSource;
import io.atomicmigrate.demo.service.MigrationDriver;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Two customers at once on one platform: two source databases, two Pipedrive accounts, both
 * migrations running concurrently through the same services and topics. Both must complete and
 * reconcile, and no record of one may reach the other's account (DESIGN §8).
 */
class TwoMigrationsAtOnceTest {

    @Test
    void bothCompleteAndReconcileAndNeitherAccountHoldsTheOthersRecords() {
        E2eEnvironment env = E2eEnvironment.shared();
        Customer north = Customer.prepare(env, "e2e_north", "e2e-north", 11);
        Customer south = Customer.prepare(env, "e2e_south", "e2e-south", 12);

        CompletableFuture<MigrationDriver.Result> a = CompletableFuture.supplyAsync(() -> north.migrate(env));
        CompletableFuture<MigrationDriver.Result> b = CompletableFuture.supplyAsync(() -> south.migrate(env));
        MigrationDriver.Result northResult = a.join();
        MigrationDriver.Result southResult = b.join();
        assertThat(northResult.migrationId()).isNotEqualTo(southResult.migrationId());
        assertThat(northResult.runId()).isNotEqualTo(southResult.runId());

        for (MigrationDriver.Result r : List.of(northResult, southResult)) {
            JsonNode run = EndToEndMigrationTest.run(r.status(), r.runId());
            assertThat(run.path("state").asText()).isEqualTo("COMPLETE");
            for (JsonNode phase : run.path("phases")) {
                assertThat(phase.path("report").path("invariantHolds").asBoolean()).as(phase.path("phase").asText()).isTrue();
                assertThat(phase.path("report").path("counts").path("failed").asLong()).isZero();
            }
            assertThat(r.verification().path("complete").asBoolean()).as(r.verification().toString()).isTrue();
        }

        AccountContents northAccount = AccountContents.of(env.sandbox.sandbox(), "e2e-north");
        AccountContents southAccount = AccountContents.of(env.sandbox.sandbox(), "e2e-south");
        Set<String> northEmails = north.source.strings("SELECT lower(email_jsonb->0->>'email') FROM contacts").stream()
                .collect(Collectors.toSet());
        Set<String> southEmails = south.source.strings("SELECT lower(email_jsonb->0->>'email') FROM contacts").stream()
                .collect(Collectors.toSet());
        assertThat(emails(northAccount)).isEqualTo(northEmails);
        assertThat(emails(southAccount)).isEqualTo(southEmails);
        Set<String> onlySouth = new HashSet<>(southEmails);
        onlySouth.removeAll(northEmails);
        assertThat(onlySouth).as("the two sources differ, so the check below can fail").isNotEmpty();
        assertThat(emails(northAccount)).doesNotContainAnyElementsOf(onlySouth);
        assertThat(names(northAccount, "organization")).isEqualTo(
                new HashSet<>(north.source.strings("SELECT name FROM companies")));
        assertThat(names(southAccount, "organization")).isEqualTo(
                new HashSet<>(south.source.strings("SELECT name FROM companies")));
        assertThat(northAccount.live("deal")).hasSize((int) north.source.count("SELECT count(*) FROM deals"));
        assertThat(southAccount.live("deal")).hasSize((int) south.source.count("SELECT count(*) FROM deals"));
    }

    private static Set<String> emails(AccountContents account) {
        Set<String> out = new HashSet<>();
        for (JsonNode p : account.live("person")) {
            p.path("emails").forEach(e -> out.add(e.path("value").asText().toLowerCase(Locale.ROOT)));
        }
        return out;
    }

    private static Set<String> names(AccountContents account, String type) {
        return account.live(type).stream().map(r -> r.path("name").asText()).collect(Collectors.toSet());
    }

    /** One customer: a generated database (its own seed) and a sandbox account for its sales people. */
    private record Customer(String name, DemoSource generated, SourceDatabase source, DemoDestination.Account account) {

        static Customer prepare(E2eEnvironment env, String database, String domain, long seed) {
            DemoSource generated = DemoSource.generate(env.postgres(), database, 0.2, seed);
            return new Customer(domain, generated, new SourceDatabase(env.postgres(), database),
                    env.sandbox.createAccount(domain, "premium", generated.sales()));
        }

        MigrationDriver.Result migrate(E2eEnvironment env) {
            try {
                return env.driver().run(new MigrationRequest(name, generated.url(), generated.user(), generated.password(),
                        account.baseUrl(), null, account.apiToken(), null), true, true);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CompletionException(e);
            }
        }
    }
}

package io.atomicmigrate.loader.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.atomicmigrate.loader.client.PipedriveAccount;
import io.atomicmigrate.loader.support.ExtractorStub;
import io.atomicmigrate.loader.support.LoaderTestResource;
import io.atomicmigrate.loader.support.TestSandbox;
import io.atomicmigrate.localstack.LocalStackTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Destination credentials resolve registered → configured → the extractor's internal endpoint (a stub
 * of its documented contract, bearer token checked), cached per migration; 404 is an unknown destination.
 */
@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
@WithTestResource(LoaderTestResource.class)
class DestinationCredentialsTest {

    @Inject
    ConfiguredDestinationCredentials credentials;
    @Inject
    MigrationAccounts accounts;

    @Test
    void aMigrationKnownOnlyToTheExtractorReachesItsPipedriveAccountAndIsAskedOnce() {
        TestSandbox.Account a = TestSandbox.newAccount("growth");
        String m = "extractor-" + UUID.randomUUID();
        ExtractorStub.get().put(m, TestSandbox.get().baseUrl(), a.token());

        PipedriveAccount account = accounts.of(m);
        assertThat(account.accountId()).isEqualTo(a.companyId());
        assertThat(credentials.of(m).baseUrl()).isEqualTo(TestSandbox.get().baseUrl());
        assertThat(credentials.of(m).apiToken()).isEqualTo(a.token());
        assertThat(credentials.of(m).toString()).doesNotContain(a.token());
        // cached per migration: three resolutions, one request (sent with the bearer token: it was answered)
        assertThat(ExtractorStub.get().requests(m)).isEqualTo(1);
    }

    @Test
    void registeredAndConfiguredDestinationsComeFirst() {
        TestSandbox.Account a = TestSandbox.newAccount("growth");
        String m = "registered-" + UUID.randomUUID();
        ExtractorStub.get().put(m, "http://127.0.0.1:1", "extractor-token");
        credentials.register(m, new DestinationCredentials.Destination(TestSandbox.get().baseUrl(), a.token()));
        assertThat(credentials.of(m).apiToken()).isEqualTo(a.token());
        assertThat(ExtractorStub.get().requests(m)).isZero();

        // %test.loader.destinations."configured-migration" in application.properties
        assertThat(credentials.of("configured-migration").baseUrl()).isEqualTo("http://127.0.0.1:9");
        assertThat(ExtractorStub.get().requests("configured-migration")).isZero();
    }

    @Test
    void anUnknownMigrationIsAnUnknownDestinationAndA503IsNotCached() {
        ExtractorStub.get(); // listening before the first request
        String unknown = "unknown-" + UUID.randomUUID();
        assertThatThrownBy(() -> credentials.of(unknown))
                .isInstanceOf(DestinationCredentials.UnknownDestinationException.class)
                .hasMessageContaining(unknown);

        TestSandbox.Account a = TestSandbox.newAccount("growth");
        String m = "off-" + UUID.randomUUID();
        ExtractorStub.get().put(m, TestSandbox.get().baseUrl(), a.token());
        ExtractorStub.get().off(true);
        Throwable off;
        try {
            off = catchThrowable(() -> credentials.of(m));
        } finally {
            ExtractorStub.get().off(false);
        }
        assertThat(off).isInstanceOf(IllegalStateException.class)
                .isNotInstanceOf(DestinationCredentials.UnknownDestinationException.class)
                .hasMessageContaining("503");
        assertThat(off.getMessage()).doesNotContain(a.token()).doesNotContain(ExtractorStub.INTERNAL_TOKEN);
        // the failure was not cached: once the extractor is back, the next attempt succeeds
        assertThat(credentials.of(m).apiToken()).isEqualTo(a.token());
        assertThat(ExtractorStub.get().requests(m)).isEqualTo(2);
        assertThat(ExtractorStub.get().unauthorized()).isZero();
    }
}

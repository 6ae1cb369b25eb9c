package io.atomicmigrate.reconciler.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.atomicmigrate.common.internal.DestinationAccess;
import io.atomicmigrate.localstack.LocalStackTestResource;
import io.atomicmigrate.reconciler.client.PipedriveAccount;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * Where the reconciler finds a migration's Pipedrive account: registered, else configured, else
 * the extractor's internal endpoint (a stub to its contract), cached; never another migration's,
 * and the token never in a log line.
 */
@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
@WithTestResource(ExtractorStub.class)
class DestinationDirectoryTest {

    @Inject
    DestinationDirectory destinations;

    private Optional<PipedriveAccount> of(String migrationId) {
        return destinations.of(migrationId).await().atMost(Duration.ofSeconds(20));
    }

    private static long asked(String migrationId) {
        return ExtractorStub.REQUESTS.stream().filter(r -> r.startsWith(migrationId + " ")).count();
    }

    @Test
    void anAccountOnlyTheExtractorKnowsIsAskedForWithTheBearerTokenOnceAndCached() {
        String m = "mig-" + UUID.randomUUID();
        ExtractorStub.ACCOUNTS.put(m, new DestinationAccess(m, "http://sandbox.example:8089", "pd-token-" + m));
        assertThat(of(m)).contains(new PipedriveAccount("http://sandbox.example:8089", "pd-token-" + m));
        assertThat(ExtractorStub.REQUESTS).contains(m + " Bearer " + ExtractorStub.TOKEN);
        assertThat(of(m)).isPresent();
        assertThat(asked(m)).as("the second look-up is answered from the cache").isEqualTo(1);
    }

    @Test
    void registeredWinsOverConfiguredWhichWinsOverTheExtractor() {
        // the extractor knows a different account for both: it is asked only when nothing here knows one
        ExtractorStub.ACCOUNTS.put("mig-configured", new DestinationAccess("mig-configured", "http://extractor.example",
                "from-extractor"));
        assertThat(of("mig-configured")).contains(new PipedriveAccount("http://configured.example", "configured-token"));
        assertThat(asked("mig-configured")).isZero();

        String m = "mig-" + UUID.randomUUID();
        ExtractorStub.ACCOUNTS.put(m, new DestinationAccess(m, "http://extractor.example", "from-extractor"));
        destinations.register(m, new PipedriveAccount("http://registered.example", "registered-token"));
        assertThat(of(m)).contains(new PipedriveAccount("http://registered.example", "registered-token"));
        assertThat(asked(m)).isZero();
    }

    @Test
    void anUnknownMigrationOrAnAnswerForAnotherMigrationGivesNoAccountAndNoTokenIsLogged() {
        List<String> logged = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(String.valueOf(record.getMessage()) + " " + java.util.Arrays.toString(record.getParameters()));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger log = Logger.getLogger(DestinationDirectory.class.getName());
        log.addHandler(capture);
        try {
            assertThat(of("mig-unknown-" + UUID.randomUUID())).isEmpty();

            // an answer that names another migration is never used for this one
            String m = "mig-" + UUID.randomUUID();
            ExtractorStub.ACCOUNTS.put(m, new DestinationAccess("mig-someone-else", "http://other.example",
                    "other-customers-token"));
            assertThat(of(m)).isEmpty();
            assertThat(asked(m)).isEqualTo(1);
            assertThat(of(m)).as("a refused answer is not cached").isEmpty();
            assertThat(asked(m)).isEqualTo(2);
        } finally {
            log.removeHandler(capture);
        }
        assertThat(logged).isNotEmpty().noneMatch(l -> l.contains("other-customers-token")
                || l.contains(ExtractorStub.TOKEN));
    }
}

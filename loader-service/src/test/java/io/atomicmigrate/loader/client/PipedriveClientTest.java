package io.atomicmigrate.loader.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atomicmigrate.loader.service.RateBudget;
import io.atomicmigrate.loader.support.LoaderTestResource;
import io.atomicmigrate.loader.support.TestSandbox;
import io.atomicmigrate.localstack.LocalStackTestResource;
import java.util.Map;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Rest Clients against the sandbox over HTTP: envelopes, both paginations, typed errors without the token. */
@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
@WithTestResource(LoaderTestResource.class)
class PipedriveClientTest {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    @Inject
    PipedriveClientFactory clients;

    @Inject
    RateBudget budget;

    @Test
    void readsBothEnvelopesAndWalksBothPaginations() {
        TestSandbox.Account a = TestSandbox.newAccount("ultimate");
        PipedriveAccount account = clients.account(TestSandbox.get().baseUrl(), a.token());
        assertThat(account.accountId()).isEqualTo(a.companyId());
        for (int i = 0; i < 5; i++) {
            ObjectNode body = F.objectNode().put("name", "Person " + i);
            JsonNode created = account.call("addPerson", () -> account.v2().create("persons", body));
            assertThat(Envelopes.id(created)).matches("\\d+");
            ObjectNode note = F.objectNode().put("content", "note " + i).put("person_id", Envelopes.data(created).get("id").asLong());
            account.call("addNote", () -> account.v1().addNote(note));
        }
        List<JsonNode> persons = Envelopes.allV2(c -> account.call("getPersons",
                () -> account.v2().list("persons", c, 2, null, null, null, null)));
        assertThat(persons).extracting(p -> p.get("name").asText())
                .containsExactly("Person 0", "Person 1", "Person 2", "Person 3", "Person 4");
        List<JsonNode> notes = Envelopes.allV1(s -> account.call("getNotes",
                () -> account.v1().notes(s, 2, null, null, null, null)));
        assertThat(notes).hasSize(5);
        assertThat(TestSandbox.calls(a.domain(), "getPersons")).isEqualTo(3);
        assertThat(TestSandbox.calls(a.domain(), "getNotes")).isEqualTo(3);
    }

    @Test
    void pipedriveErrorsBecomeTypedExceptionsThatNeverShowTheToken() {
        TestSandbox.Account a = TestSandbox.newAccount("ultimate");
        PipedriveAccount account = clients.account(TestSandbox.get().baseUrl(), a.token());
        // v2 strictness: an unknown property is a 400 ERR_SCHEMA_VALIDATION_FAILED
        ObjectNode invalid = F.objectNode().put("name", "X").put(a.token(), "the token as a property name");
        assertThatThrownBy(() -> account.call("addPerson", () -> account.v2().create("persons", invalid)))
                .isInstanceOfSatisfying(PipedriveRejectedException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.code()).isEqualTo("ERR_SCHEMA_VALIDATION_FAILED");
                    assertThat(e.getMessage()).contains("Pipedrive answered 400").doesNotContain(a.token());
                });
        assertThatThrownBy(() -> account.call("getPerson", () -> account.v2().get("persons", 999_999)))
                .isInstanceOfSatisfying(PipedriveRejectedException.class, e -> assertThat(e.status()).isEqualTo(404));

        TestSandbox.addFault(a.domain(), Map.of("kind", "STATUS", "status", 503, "times", 1));
        assertThatThrownBy(() -> account.call("getPersons", () -> account.v2().list("persons", null, 10, null, null, null, null)))
                .isInstanceOfSatisfying(PipedriveUnavailableException.class, e -> assertThat(e.status()).isEqualTo(503));
        TestSandbox.addFault(a.domain(), Map.of("kind", "RESET", "times", 1));
        assertThatThrownBy(() -> account.call("getPersons", () -> account.v2().list("persons", null, 10, null, null, null, null)))
                .isInstanceOfSatisfying(PipedriveUnavailableException.class, e -> {
                    assertThat(e.status()).isZero();
                    assertThat(e.getMessage()).doesNotContain(a.token());
                });
        TestSandbox.addFault(a.domain(), Map.of("kind", "MALFORMED_JSON", "times", 1));
        assertThatThrownBy(() -> account.call("getPersons", () -> account.v2().list("persons", null, 10, null, null, null, null)))
                .isInstanceOf(PipedriveUnavailableException.class);
        TestSandbox.addFault(a.domain(), Map.of("kind", "BLOCK_403", "times", 1));
        assertThatThrownBy(() -> account.call("getPersons", () -> account.v2().list("persons", null, 10, null, null, null, null)))
                .isInstanceOfSatisfying(PipedriveAuthException.class, e -> assertThat(e.code()).isEqualTo("BLOCKED"));

        String wrongToken = "wrong-" + a.token();
        assertThatThrownBy(() -> clients.account(TestSandbox.get().baseUrl(), wrongToken))
                .isInstanceOfSatisfying(PipedriveAuthException.class, e -> {
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.getMessage()).doesNotContain(wrongToken);
                });
    }

    @Test
    void a429PausesTheWholeAccountForThePenalty() {
        TestSandbox.Account a = TestSandbox.newAccount("ultimate");
        PipedriveAccount account = clients.account(TestSandbox.get().baseUrl(), a.token());
        TestSandbox.addFault(a.domain(), Map.of("kind", "FORCE_429_BURST", "times", 1));
        long before = System.currentTimeMillis();
        assertThatThrownBy(() -> account.call("getPersons", () -> account.v2().list("persons", null, 10, null, null, null, null)))
                .isInstanceOfSatisfying(PipedriveRateLimitedException.class, e -> {
                    assertThat(e.daily()).isFalse();
                    assertThat(e.retryAfter()).hasSeconds(10);
                });
        RateBudget.Status status = budget.status(a.companyId());
        assertThat(status.pausedUntil()).isNotNull();
        assertThat(status.pausedUntil().toEpochMilli()).isBetween(before + 9_000, System.currentTimeMillis() + 10_000);
        assertThat(status.pauseReason()).isEqualTo("burst");
    }
}

package io.atomicmigrate.loader.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.atomicmigrate.loader.support.LoaderTestResource;
import io.atomicmigrate.loader.support.TestSandbox;
import io.atomicmigrate.localstack.LocalStackTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** v1 Files against the sandbox over HTTP: a multipart upload streamed from disk, the list, the delete, typed errors. */
@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
@WithTestResource(LoaderTestResource.class)
class PipedriveFilesTest {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    @Inject
    PipedriveClientFactory clients;

    @Test
    void uploadsListsAndDeletesFilesAttachedToTheirParents() throws Exception {
        TestSandbox.Account a = TestSandbox.newAccount("ultimate");
        PipedriveAccount account = clients.account(TestSandbox.get().baseUrl(), a.token());
        PipedriveFiles files = new PipedriveFiles(account);
        long person = Envelopes.data(account.v2().create("persons", F.objectNode().put("name", "Ann"))).path("id").asLong();
        long deal = Envelopes.data(account.v2().create("deals", F.objectNode().put("title", "Big deal")
                .put("person_id", person))).path("id").asLong();
        String lead = Envelopes.id(account.v1().addLead(F.objectNode().put("title", "Lead").put("person_id", person)));

        // 6 MiB of random bytes, written to disk in chunks and sent from there
        Path big = Files.createTempFile("attachment", ".bin");
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        Random random = new Random(42);
        byte[] chunk = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(big)) {
            for (int i = 0; i < 96; i++) {
                random.nextBytes(chunk);
                sha.update(chunk);
                out.write(chunk);
            }
        }
        String digest = HexFormat.of().formatHex(sha.digest());
        Path small = Files.createTempFile("note", ".txt");
        Files.writeString(small, "Met at the fair — contract attached", StandardCharsets.UTF_8);
        try {
            JsonNode contract = files.upload(big, "Contract 2024 (signed).pdf", "application/pdf",
                    PipedriveFiles.Parent.deal(deal), PipedriveFiles.Parent.person(person));
            assertThat(contract.path("file_name").asText()).isEqualTo("Contract 2024 (signed).pdf");
            assertThat(contract.path("file_size").asLong()).isEqualTo(Files.size(big));
            assertThat(contract.path("deal_id").asLong()).isEqualTo(deal);
            assertThat(contract.path("person_id").asLong()).isEqualTo(person);
            assertThat(sha256(download(contract.path("id").asLong(), a.token()))).as("bytes arrived intact").isEqualTo(digest);

            JsonNode memo = files.upload(small, "memo.txt", "text/plain", PipedriveFiles.Parent.lead(lead));
            assertThat(memo.path("lead_id").asText()).isEqualTo(lead);
            assertThat(memo.path("file_size").asLong()).isEqualTo(Files.size(small));

            List<JsonNode> listed = files.list();
            assertThat(listed).extracting(f -> f.path("id").asLong())
                    .containsExactlyInAnyOrder(contract.path("id").asLong(), memo.path("id").asLong());

            files.delete(memo.path("id").asLong());
            assertThat(files.list()).extracting(f -> f.path("id").asLong()).containsExactly(contract.path("id").asLong());
            // deleted already: a typed 404, as for any other record
            assertThatThrownBy(() -> files.delete(memo.path("id").asLong()))
                    .isInstanceOfSatisfying(PipedriveRejectedException.class, e -> {
                        assertThat(e.status()).isEqualTo(404);
                        assertThat(e.getMessage()).doesNotContain(a.token());
                    });
            // a parent that does not exist: refused, typed, no token in the message
            assertThatThrownBy(() -> files.upload(small, "memo.txt", "text/plain", PipedriveFiles.Parent.deal(999_999)))
                    .isInstanceOfSatisfying(PipedriveRejectedException.class, e -> {
                        assertThat(e.status()).isBetween(400, 404);
                        assertThat(e.getMessage()).doesNotContain(a.token());
                    });

            JsonNode counters = TestSandbox.counters(a.domain()).path("requests_by_operation");
            assertThat(counters.path("addFile").asLong()).isEqualTo(3);
            assertThat(counters.path("getFiles").asLong()).isEqualTo(2);
            assertThat(counters.path("deleteFile").asLong()).isEqualTo(2);
            assertThat(TokenCosts.of("addFile")).isEqualTo(10);
        } finally {
            Files.deleteIfExists(big);
            Files.deleteIfExists(small);
        }
    }

    @Test
    void aFileThatIsNotThereIsRefusedBeforeAnyCall() {
        TestSandbox.Account a = TestSandbox.newAccount("ultimate");
        PipedriveFiles files = new PipedriveFiles(clients.account(TestSandbox.get().baseUrl(), a.token()));
        assertThatThrownBy(() -> files.upload(Path.of("/nonexistent/contract.pdf"), "contract.pdf", "application/pdf"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PipedriveFiles.Parent("note_id", "1")).isInstanceOf(IllegalArgumentException.class);
        assertThat(TestSandbox.calls(a.domain(), "addFile")).isZero();
    }

    private static byte[] download(long id, String token) throws Exception {
        HttpResponse<byte[]> r = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(HttpRequest.newBuilder(
                        URI.create(TestSandbox.get().baseUrl() + "/v1/files/" + id + "/download"))
                .header("x-api-token", token).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}

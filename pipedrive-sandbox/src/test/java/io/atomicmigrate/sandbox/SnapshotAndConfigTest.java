package io.atomicmigrate.sandbox;

import io.atomicmigrate.sandbox.config.ConfigLoader;
import io.atomicmigrate.sandbox.config.Plan;
import io.atomicmigrate.sandbox.config.SandboxConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Restarts keep state only through the snapshot file; standalone configuration from file, env and args. */
class SnapshotAndConfigTest {

    @Test
    void stateSurvivesARestartWithASnapshotFile(@TempDir Path dir) {
        Path file = dir.resolve("state.json");
        String fieldCode;
        long personId;
        try (PipedriveSandbox first = PipedriveSandbox.start(SandboxFixture.config().limitsEnabled(false).snapshotFile(file.toString()))) {
            ApiClient api = new ApiClient(first.baseUrl(), SandboxFixture.ADMIN_TOKEN);
            fieldCode = api.post("/api/v2/personFields", "{\"field_name\":\"Kept\",\"field_type\":\"varchar\"}").data().path("field_code").asText();
            personId = api.post("/api/v2/persons", "{\"name\":\"Persistent\",\"custom_fields\":{\"" + fieldCode + "\":\"yes\"}}").data().path("id").asLong();
            api.upload("/api/v1/files", "keep.txt", "bytes".getBytes(StandardCharsets.UTF_8), Map.of("person_id", Long.toString(personId)));
        }
        assertThat(file).exists();
        try (PipedriveSandbox second = PipedriveSandbox.start(SandboxFixture.config().limitsEnabled(false).snapshotFile(file.toString()))) {
            ApiClient api = new ApiClient(second.baseUrl(), SandboxFixture.ADMIN_TOKEN);
            ApiClient.Resp p = api.get("/api/v2/persons/" + personId);
            assertThat(p.data().path("custom_fields").path(fieldCode).asText()).isEqualTo("yes");
            assertThat(api.raw("/api/v1/files/1/download").body()).isEqualTo("bytes".getBytes(StandardCharsets.UTF_8));
            long next = api.post("/api/v2/persons", "{\"name\":\"Next\"}").data().path("id").asLong();
            assertThat(next).isEqualTo(personId + 1);
        }
        try (PipedriveSandbox fresh = SandboxFixture.startWithoutLimits(c -> { })) {
            ApiClient api = new ApiClient(fresh.baseUrl(), SandboxFixture.ADMIN_TOKEN);
            assertThat(api.get("/api/v2/persons/" + personId).status()).as("no snapshot, no memory").isEqualTo(404);
        }
    }

    @Test
    void defaultContentsAreConfigurablePerFixture() {
        SandboxConfig config = SandboxFixture.config().limitsEnabled(false);
        config.defaults.pipelineName = "Sales";
        config.defaults.stages = java.util.List.of("New", "Won over");
        config.defaults.activityTypes = java.util.List.of("Call", "Site visit");
        config.defaults.leadLabels = java.util.List.of(java.util.List.of("VIP", "purple"));
        try (PipedriveSandbox sandbox = PipedriveSandbox.start(config)) {
            ApiClient api = new ApiClient(sandbox.baseUrl(), SandboxFixture.ADMIN_TOKEN);
            assertThat(api.get("/api/v2/pipelines").data().get(0).path("name").asText()).isEqualTo("Sales");
            assertThat(api.get("/api/v2/stages").data()).extracting(s -> s.path("name").asText()).containsExactly("New", "Won over");
            assertThat(api.get("/api/v1/activityTypes").data()).extracting(t -> t.path("key_string").asText()).containsExactly("call", "site_visit");
            assertThat(api.get("/api/v1/leadLabels").data().get(0).path("color").asText()).isEqualTo("purple");
        }
    }

    @Test
    void configFromFileEnvAndArgs(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sandbox.json");
        Files.writeString(file, """
                {"port": 9100, "adminToken": "from-file",
                 "behaviour": {"penaltySeconds": 12, "requirePersonName": false},
                 "accounts": [{"companyDomain": "filed", "plan": "premium", "seats": 2,
                               "users": [{"name": "F", "email": "f@filed.example", "apiToken": "filed-token"}]}]}""");
        SandboxConfig c = ConfigLoader.load(new String[]{"--config", file.toString(), "--port", "9200", "--account", "argued:lite:arg-token"},
                Map.of("SANDBOX_ADMIN_TOKEN", "from-env", "SANDBOX_ACCOUNTS", "envy:ultimate:env-token:env-oauth"));
        assertThat(c.port).isEqualTo(9200);
        assertThat(c.adminToken).isEqualTo("from-env");
        assertThat(c.behaviour.penaltySeconds).isEqualTo(12);
        assertThat(c.behaviour.requirePersonName).isFalse();
        assertThat(c.accounts).extracting(a -> a.companyDomain()).containsExactly("filed", "envy", "argued");
        assertThat(c.accounts.get(1).planOrDefault()).isEqualTo(Plan.ULTIMATE);
        assertThat(c.accounts.get(1).users().get(0).oauthToken()).isEqualTo("env-oauth");
        SandboxConfig defaults = ConfigLoader.load(new String[0], Map.of());
        assertThat(defaults.port).isEqualTo(8089);
        assertThat(defaults.accounts.get(0).users().get(0).apiToken()).isEqualTo(ConfigLoader.DEFAULT_TOKEN);
    }
}

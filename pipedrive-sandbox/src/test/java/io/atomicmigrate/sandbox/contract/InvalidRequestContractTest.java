package io.atomicmigrate.sandbox.contract;

import com.atlassian.oai.validator.report.ValidationReport;
import io.atomicmigrate.sandbox.ApiClient;
import io.atomicmigrate.sandbox.PipedriveSandbox;
import io.atomicmigrate.sandbox.SandboxFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A table of invalid requests. Each is refused by the sandbox with the status and body shape of
 * PIPEDRIVE.md 1.7; where the spec itself can express the rule ({@code spec = true}) the OpenAPI
 * validator must flag the request too, so the table cannot drift from the contract. Rules the spec
 * does not state (required person name, deal party, note parent...) come from PIPEDRIVE.md.
 */
class InvalidRequestContractTest {
    static PipedriveSandbox sandbox;
    static ApiClient api;
    static long person;

    @BeforeAll
    static void start() {
        sandbox = SandboxFixture.startWithoutLimits(c -> { });
        api = new ApiClient(sandbox.baseUrl(), SandboxFixture.ADMIN_TOKEN);
        person = api.post("/api/v2/persons", "{\"name\":\"Table\"}").data().path("id").asLong();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    /** {@code shape} is "v2" (code ERR_SCHEMA_VALIDATION_FAILED) or "v1" (error_info, data null). */
    record Row(String why, String method, String path, String body, int status, String shape, boolean spec) {
    }

    static List<Row> table() {
        String p = "\"person_id\":" + person;
        return List.of(
                new Row("unknown property", "POST", "/api/v2/persons", "{\"name\":\"X\",\"nickname\":\"n\"}", 400, "v2", true),
                new Row("string number", "POST", "/api/v2/persons", "{\"name\":\"X\",\"owner_id\":\"1\"}", 400, "v2", true),
                new Row("visible_to as string", "POST", "/api/v2/organizations", "{\"name\":\"X\",\"visible_to\":\"3\"}", 400, "v2", true),
                new Row("emails as strings", "POST", "/api/v2/persons", "{\"name\":\"X\",\"emails\":[\"a@b.c\"]}", 400, "v2", true),
                new Row("label_ids as strings", "POST", "/api/v2/persons", "{\"name\":\"X\",\"label_ids\":[\"1\"]}", 400, "v2", true),
                new Row("top-level custom field key", "POST", "/api/v2/deals", "{\"title\":\"X\"," + p + ",\"0123456789abcdef0123456789abcdef01234567\":1}", 400, "v2", true),
                new Row("add_time on deal", "POST", "/api/v2/deals", "{\"title\":\"X\"," + p + ",\"add_time\":\"2020-01-01T00:00:00Z\"}", 400, "v2", true),
                new Row("add_time on activity", "POST", "/api/v2/activities", "{\"subject\":\"X\",\"add_time\":\"2020-01-01T00:00:00Z\"}", 400, "v2", true),
                new Row("add_time on person PATCH", "PATCH", "/api/v2/persons/" + person, "{\"add_time\":\"2020-01-01T00:00:00Z\"}", 400, "v2", true),
                new Row("0/1 boolean", "POST", "/api/v2/activities", "{\"subject\":\"X\",\"done\":1}", 400, "v2", true),
                new Row("string boolean", "POST", "/api/v2/deals", "{\"title\":\"X\"," + p + ",\"is_archived\":\"true\"}", 400, "v2", true),
                new Row("status not in enum", "POST", "/api/v2/deals", "{\"title\":\"X\"," + p + ",\"status\":\"closed\"}", 400, "v2", false),
                new Row("org name missing", "POST", "/api/v2/organizations", "{\"owner_id\":1}", 400, "v2", true),
                new Row("deal title missing", "POST", "/api/v2/deals", "{" + p + "}", 400, "v2", true),
                new Row("stage pipeline missing", "POST", "/api/v2/stages", "{\"name\":\"S\"}", 400, "v2", true),
                new Row("field type unknown", "POST", "/api/v2/personFields", "{\"field_name\":\"F\",\"field_type\":\"blob\"}", 400, "v2", true),
                new Row("person name missing (PIPEDRIVE.md 3.1)", "POST", "/api/v2/persons", "{\"owner_id\":1}", 400, "v2", false),
                new Row("deal without person or org (PIPEDRIVE.md 3.3)", "POST", "/api/v2/deals", "{\"title\":\"X\"}", 400, "v2", false),
                new Row("probability above 100", "POST", "/api/v2/deals", "{\"title\":\"X\"," + p + ",\"probability\":150}", 400, "v2", false),
                new Row("won_time without won status", "POST", "/api/v2/deals", "{\"title\":\"X\"," + p + ",\"won_time\":\"2020-01-01T00:00:00Z\"}", 400, "v2", false),
                new Row("enum field without options", "POST", "/api/v2/dealFields", "{\"field_name\":\"F\",\"field_type\":\"enum\"}", 400, "v2", false),
                new Row("limit above 500", "GET", "/api/v2/persons?limit=501", null, 400, "v2", false),
                new Row("search term too short", "GET", "/api/v2/persons/search?term=a", null, 400, "v2", false),
                new Row("unknown currency", "POST", "/api/v2/deals", "{\"title\":\"X\"," + p + ",\"currency\":\"XYZ\"}", 400, "v2", false),
                new Row("unknown person", "GET", "/api/v2/persons/999999", null, 404, "v1", false),
                new Row("note content missing", "POST", "/api/v1/notes", "{" + p + "}", 400, "v1", true),
                new Row("note without parent", "POST", "/api/v1/notes", "{\"content\":\"c\"}", 400, "v1", false),
                new Row("lead title missing", "POST", "/api/v1/leads", "{" + p + "}", 400, "v1", true),
                new Row("lead without person or org", "POST", "/api/v1/leads", "{\"title\":\"L\"}", 400, "v1", false),
                new Row("lead visible_to as number", "POST", "/api/v1/leads", "{\"title\":\"L\"," + p + ",\"visible_to\":3}", 400, "v1", true),
                new Row("lead add_time", "POST", "/api/v1/leads", "{\"title\":\"L\"," + p + ",\"add_time\":\"2020-01-01 00:00:00\"}", 400, "v1", true),
                new Row("lead value half given", "POST", "/api/v1/leads", "{\"title\":\"L\"," + p + ",\"value\":{\"amount\":1}}", 400, "v1", true),
                new Row("lead label colour", "POST", "/api/v1/leadLabels", "{\"name\":\"N\",\"color\":\"teal\"}", 400, "v1", true),
                new Row("activity type icon", "POST", "/api/v1/activityTypes", "{\"name\":\"N\",\"icon_key\":\"rocket\"}", 400, "v1", true),
                new Row("activity type colour with #", "POST", "/api/v1/activityTypes", "{\"name\":\"N\",\"icon_key\":\"call\",\"color\":\"#FFFFFF\"}", 400, "v1", false),
                new Row("unknown lead", "GET", "/api/v1/leads/adf21080-0e10-11eb-879b-05d71fb426ec", null, 404, "v1", false));
    }

    @TestFactory
    List<DynamicTest> invalidRequestsAreRejected() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Row row : table()) {
            tests.add(DynamicTest.dynamicTest(row.why(), () -> {
                ApiClient.Resp r = switch (row.method()) {
                    case "GET" -> api.get(row.path());
                    case "PATCH" -> api.patch(row.path(), row.body());
                    default -> api.post(row.path(), row.body());
                };
                assertThat(r.status()).as(r.text()).isEqualTo(row.status());
                assertThat(r.json().path("success").asBoolean(true)).isFalse();
                assertThat(r.json().path("error").asText()).isNotBlank();
                if (row.shape().equals("v2")) {
                    assertThat(r.json().path("code").asText()).isEqualTo("ERR_SCHEMA_VALIDATION_FAILED");
                    assertThat(r.json().path("error").asText()).startsWith("Validation failed: ");
                } else {
                    assertThat(r.json().has("error_info")).isTrue();
                    assertThat(r.json().get("data").isNull()).isTrue();
                    assertThat(r.json().get("additional_data").isNull()).isTrue();
                }
                if (row.spec()) {
                    ValidationReport report = SpecValidators.validateRequest(row.method(), row.path(), row.body());
                    assertThat(SpecValidators.describe(report)).as("the spec should reject: " + row.why()).isNotEmpty();
                }
            }));
        }
        return tests;
    }
}

package io.atomicmigrate.extractor.rest;

import static io.atomicmigrate.extractor.TestSupport.createMigration;
import static io.atomicmigrate.extractor.TestSupport.postgres;
import static io.atomicmigrate.extractor.TestSupport.query;
import static io.atomicmigrate.extractor.TestSupport.role;
import static io.atomicmigrate.extractor.TestSupport.sourceJson;
import static io.atomicmigrate.extractor.TestSupport.sql;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import io.atomicmigrate.extractor.TestSupport;
import io.atomicmigrate.fixture.AtomicCrmFixture;
import io.atomicmigrate.fixture.FixtureOptions;
import io.atomicmigrate.localstack.LocalStackTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every way a source or destination can be unusable gets its own code before anything else
 * happens, and no credential ever shows in an answer. Real Postgres roles, pg_hba rules and a
 * tiny HTTP stand-in for Pipedrive's {@code /api/v1/users/me}.
 */
@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
class ConnectionCheckTest {

    private static final String DB = "ext_checks";
    private static HttpServer pipedrive;

    @BeforeAll
    static void sourceAndStub() throws Exception {
        AtomicCrmFixture.createAndLoad(postgres(), DB, FixtureOptions.builder().build());
        role("ext_reader", "reader-pw", "");
        role("ext_bypass", "bypass-pw", "BYPASSRLS");
        role("ext_partial", "partial-pw", "BYPASSRLS");
        sql(DB, "GRANT USAGE ON SCHEMA public TO ext_reader, ext_bypass, ext_partial",
                "GRANT SELECT ON ALL TABLES IN SCHEMA public TO ext_reader, ext_bypass, ext_partial",
                "REVOKE SELECT ON public.tasks FROM ext_partial");
        pipedrive = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        pipedrive.createContext("/api/v1/users/me", exchange -> {
            boolean ok = "good-token".equals(exchange.getRequestHeaders().getFirst("x-api-token"));
            byte[] body = (ok ? "{\"success\":true,\"data\":{\"id\":1,\"email\":\"ops@acme.com\"}}"
                    : "{\"success\":false,\"error\":\"unauthorized access\",\"errorCode\":401}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(ok ? 200 : 401, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        pipedrive.start();
    }

    @AfterAll
    static void stopStub() {
        pipedrive.stop(0);
    }

    private static String stubUrl() {
        return "http://127.0.0.1:" + pipedrive.getAddress().getPort();
    }

    private static Response check(String source, String token) {
        String id = createMigration("{\"name\": \"checks\", \"source\": " + source + ", \"destination\": {\"baseUrl\": \""
                + stubUrl() + "\"" + (token == null ? "" : ", \"apiToken\": \"" + token + "\"") + "}}");
        return given().when().post("/migrations/" + id + "/checks");
    }

    @Test
    void aFitSourceAndAnAcceptedTokenPass() {
        check(sourceJson(DB, "postgres", null), "good-token").then().statusCode(200)
                .body("ok", is(true)).body("problems.size()", is(0));
        check(sourceJson(DB, "ext_bypass", "bypass-pw"), null).then().statusCode(200)
                .body("warnings[0]", containsString("no Pipedrive API token"));
    }

    @Test
    void rlsWithoutBypassIsRefusedBecauseItWouldReadZeroRows() {
        check(sourceJson(DB, "ext_reader", "reader-pw"), null).then().statusCode(422)
                .body("problems[0].code", is("SOURCE_RLS_HIDES_ROWS"))
                .body("problems[0].message", containsString("contacts"))
                .body("problems[0].message", containsString("ext_reader"))
                .body("problems[0].message", containsString("0 rows"));
        // and indeed: the same role reads nothing, silently
        assertThat(TestSupport.queryAs(DB, "ext_reader", "SELECT count(*) FROM public.contacts"))
                .containsExactly("0");
    }

    @Test
    void aTableTheRoleCannotReadIsNamed() {
        check(sourceJson(DB, "ext_partial", "partial-pw"), null).then().statusCode(422)
                .body("problems[0].code", is("SOURCE_TABLE_NOT_READABLE"))
                .body("problems[0].message", containsString("cannot read tasks"));
    }

    @Test
    void aDatabaseThatIsNotAtomicCrmIsNamed() {
        postgres().createDatabase("ext_not_crm");
        sql("ext_not_crm", "CREATE TABLE public.contacts (id bigint)");
        check(sourceJson("ext_not_crm", "postgres", null), null).then().statusCode(422)
                .body("problems[0].code", is("SOURCE_NOT_ATOMIC_CRM"))
                .body("problems[0].message", containsString("no companies, deals tables"));
        check(sourceJson("ext_no_such_db", "postgres", null), null).then().statusCode(422)
                .body("problems[0].code", is("SOURCE_DATABASE_NOT_FOUND"));
    }

    @Test
    void anUnreachableHostIsTold() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        check("{\"host\": \"127.0.0.1\", \"port\": " + closedPort + ", \"database\": \"postgres\"}", null)
                .then().statusCode(422).body("problems[0].code", is("SOURCE_UNREACHABLE"))
                .body("problems[0].message", containsString("127.0.0.1:" + closedPort));
        check("{\"host\": \"db.atomic-migrate.invalid\", \"database\": \"postgres\"}", null)
                .then().statusCode(422).body("problems[0].code", is("SOURCE_UNREACHABLE"));
    }

    @Test
    void aRejectedPipedriveTokenIsTold() {
        check(sourceJson(DB, "postgres", null), "stale-token").then().statusCode(422)
                .body("problems[0].code", is("DESTINATION_TOKEN_REJECTED"))
                .body("problems[0].message", containsString("HTTP 401"))
                .body(not(containsString("stale-token")));
    }

    @Test
    void aWrongPasswordAndARequiredTlsAreToldApartWithoutEchoingThePassword() throws Exception {
        assumeTrue(postgres().isEmbedded(), "needs to edit pg_hba.conf of the embedded server");
        role("ext_pw_role", "right-pw", "BYPASSRLS");
        sql(DB, "GRANT USAGE ON SCHEMA public TO ext_pw_role",
                "GRANT SELECT ON ALL TABLES IN SCHEMA public TO ext_pw_role");
        postgres().createDatabase("ext_tls_only");
        requirePasswordAndTls();
        Response wrong = check(sourceJson(DB, "ext_pw_role", "wrong-pw-123"), null);
        wrong.then().statusCode(422).body("problems[0].code", is("SOURCE_AUTH_FAILED"))
                .body("problems[0].message", containsString("ext_pw_role"));
        assertThat(wrong.asString()).doesNotContain("wrong-pw-123");
        check(sourceJson(DB, "ext_pw_role", "right-pw"), null).then().statusCode(200);
        check("{\"url\": \"postgresql://ext_pw_role:right-pw@" + postgres().host() + ":" + postgres().port() + "/"
                + DB + "?sslmode=disable\"}", null).then().statusCode(200);
        check(sourceJson("ext_tls_only", "postgres", null).replace("\"disable\"", "\"prefer\""), null)
                .then().statusCode(422).body("problems[0].code", is("SOURCE_TLS_REQUIRED"));
    }

    @Test
    void credentialsAreStoredEncryptedAndNeverReturned() {
        String id = createMigration("{\"name\": \"secrets\", \"source\": " + sourceJson(DB, "ext_bypass",
                "bypass-pw-visible?") + ", \"destination\": {\"companyDomain\": \"acme\", \"apiToken\": \"tok-visible?\"},"
                + " \"storage\": {\"url\": \"https://x.supabase.co\", \"serviceKey\": \"key-visible?\"}}");
        String body = given().when().get("/migrations/" + id).then().statusCode(200)
                .body("sourcePasswordSet", is(true)).body("destinationTokenSet", is(true))
                .body("storageKeySet", is(true)).extract().asString();
        assertThat(body).doesNotContain("visible?");
        List<String> stored = query("control", "SELECT encode(source_password, 'escape') || encode(destination_api_token,"
                + " 'escape') || encode(storage_key, 'escape') FROM extractor.migrations WHERE id = '" + id + "'");
        assertThat(stored).singleElement().asString().doesNotContain("visible?");
    }

    @Test
    void checkingAtCreationRefusesAnUnusableSourceBeforeStoringAnything() {
        int before = query("control", "SELECT count(*) FROM extractor.migrations").size();
        given().contentType(ContentType.JSON).body("{\"name\": \"early\", \"source\": "
                        + sourceJson(DB, "ext_reader", "reader-pw") + ", \"destination\": {\"baseUrl\": \"" + stubUrl()
                        + "\"}, \"options\": {\"checkConnections\": \"true\"}}")
                .when().post("/migrations").then().statusCode(422)
                .body("code", is("SOURCE_RLS_HIDES_ROWS")).body("error", containsString("ext_reader"));
        assertThat(query("control", "SELECT count(*) FROM extractor.migrations WHERE name = 'early'"))
                .containsExactly("0");
        assertThat(before).isEqualTo(1);
        given().contentType(ContentType.JSON).body("{\"name\": \"bad url\", \"source\": {\"url\": \"mysql://u:pw@h/db\"},"
                        + " \"destination\": {\"companyDomain\": \"acme\"}}")
                .when().post("/migrations").then().statusCode(400).body("code", is("SOURCE_URL_INVALID"))
                .body(not(containsString("pw@")));
        given().contentType(ContentType.JSON).body("{\"name\": \"x\", \"source\": {\"host\": \"h\", \"database\": \"d\","
                        + " \"sslMode\": \"sometimes\"}, \"destination\": {\"baseUrl\": \"ftp://x\"},"
                        + " \"options\": {\"sampleSize\": \"-3\"}}")
                .when().post("/migrations").then().statusCode(400)
                .body(containsString("source.sslMode must be one of"))
                .body(containsString("destination.baseUrl must be an http(s) URL"));
    }

    /** Password auth for one role, TLS-only for one database, on the embedded server; trust stays for the rest. */
    private static void requirePasswordAndTls() throws Exception {
        Path hba = Path.of(query("postgres", "SHOW hba_file").get(0));
        String current = Files.readString(hba);
        if (!current.contains("ext_pw_role")) {
            String rules = """
                    host    all          ext_pw_role  127.0.0.1/32  scram-sha-256
                    host    all          ext_pw_role  ::1/128       scram-sha-256
                    hostssl ext_tls_only all          all           trust
                    hostnossl ext_tls_only all        all           reject
                    """;
            Files.writeString(hba, rules + current);
            query("postgres", "SELECT pg_reload_conf()");
            Thread.sleep(1_000); // the postmaster rereads the file asynchronously
        }
    }
}

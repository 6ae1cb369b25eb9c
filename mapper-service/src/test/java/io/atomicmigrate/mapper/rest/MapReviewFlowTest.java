package io.atomicmigrate.mapper.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atomicmigrate.common.events.EventEnvelope;
import io.atomicmigrate.common.events.payload.MapApproved;
import io.atomicmigrate.common.events.payload.MapProposed;
import io.atomicmigrate.common.events.payload.MigrationDiscovered;
import io.atomicmigrate.common.json.Json;
import io.atomicmigrate.common.map.CustomFieldSpec;
import io.atomicmigrate.common.map.FieldLine;
import io.atomicmigrate.common.map.MigrationMap;
import io.atomicmigrate.common.map.ObjectMapping;
import io.atomicmigrate.common.map.Target;
import io.atomicmigrate.common.topics.Topics;
import io.atomicmigrate.localstack.LocalStackTestResource;
import io.atomicmigrate.mapper.FixtureDatabase;
import io.atomicmigrate.mapper.TopicProbe;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The map's life over the real broker and database: migration.discovered → a proposal
 * (once, however often the event is delivered), edits as new versions, validation, diff,
 * approval with who/when, and the map.proposed / map.approved events.
 */
@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
public class MapReviewFlowTest {

    public static String discover(String migrationId) {
        EventEnvelope<MigrationDiscovered> event = EventEnvelope.of(migrationId, FixtureDatabase.get().discovered());
        TopicProbe.publish(event);
        TopicProbe.publish(event); // a redelivery: must not make a second proposal
        awaitVersion(migrationId, 1);
        return migrationId;
    }

    public static void awaitVersion(String migrationId, int version) {
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            int status = given().get("/api/migrations/{id}/map", migrationId).statusCode();
            if (status == 200 && given().get("/api/migrations/{id}/map", migrationId).jsonPath()
                    .getInt("map.version") >= version) {
                return;
            }
            sleep(200);
        }
        throw new AssertionError("no map version " + version + " for " + migrationId);
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static MigrationMap document(String migrationId, int version) throws Exception {
        String json = given().get("/api/migrations/{id}/map/versions/{v}", migrationId, version).then().statusCode(200)
                .extract().asString();
        return Json.mapper().treeToValue(Json.mapper().readTree(json).get("document"), MigrationMap.class);
    }

    static MigrationMap editLine(MigrationMap map, String lineId, UnaryOperator<FieldLine> edit) {
        return map.withObjects(map.objects().stream().map(o -> new ObjectMapping(o.source(), o.destination(), o.rule(),
                o.fields().stream().map(l -> l.id().equals(lineId) ? edit.apply(l) : l).toList())).toList());
    }

    static MigrationMap removeLine(MigrationMap map, String lineId) {
        return map.withObjects(map.objects().stream().map(o -> new ObjectMapping(o.source(), o.destination(), o.rule(),
                o.fields().stream().filter(l -> !l.id().equals(lineId)).toList())).toList());
    }

    @Test
    void aDiscoveryIsProposedOnceWithEveryObjectAndAMapProposedEvent() {
        String id = discover("map-flow-" + UUID.randomUUID());
        given().get("/api/migrations/{id}/map", id).then().statusCode(200)
                .body("map.version", is(1)).body("map.proposedBy", is("engine")).body("map.approved", is(false))
                .body("map.document.objects.source", hasItem("contacts"))
                .body("map.document.objects.destination", hasItem("organization"))
                .body("map.document.stages.find { it.value == 'won' }.status", is("won"))
                .body("map.document.stages.find { it.value == 'in-negociation' }.probability", is(80))
                .body("issues.findAll { it.severity == 'ERROR' }.size()", is(0));
        given().get("/api/migrations/{id}/map/versions", id).then().body("size()", is(1));
        var events = TopicProbe.await(Topics.MIGRATION_EVENTS, id,
                seen -> seen.stream().anyMatch(r -> r.value().payload() instanceof MapProposed), Duration.ofSeconds(20));
        MapProposed proposed = (MapProposed) events.stream().filter(r -> r.value().payload() instanceof MapProposed)
                .findFirst().orElseThrow().value().payload();
        assertThat(proposed.mapVersion()).isEqualTo(1);
        assertThat(proposed.proposedBy()).isEqualTo("engine");
        assertThat(proposed.fieldLines()).isGreaterThan(60);
        assertThat(proposed.lowConfidenceLines()).isGreaterThan(0);
        sleep(500);
        assertThat(TopicProbe.await(Topics.MIGRATION_EVENTS, id, s -> false, Duration.ofSeconds(1)).stream()
                .filter(r -> r.value().payload() instanceof MapProposed).count()).isEqualTo(1);
    }

    @Test
    void validationFindsConflictsMissingOptionsUnmappedRequiredFieldsAndTypesThatCannotHold() throws Exception {
        String id = discover("map-validate-" + UUID.randomUUID());
        given().contentType(ContentType.JSON).body("""
                [{"table":"contacts","column":"title","rows":500,"nonNull":480,"distinct":300,"maxLength":310,
                  "samples":["Dynamic"],"topValues":{}}]""").put("/api/migrations/{id}/profiles", id).then().statusCode(204);
        MigrationMap map = document(id, 1);
        map = editLine(map, "contacts.linkedin_url", l -> new FieldLine(l.id(), l.sources(),
                Target.standard("emails"), l.transform(), false, 0.5, "test", "user"));
        map = editLine(map, "contacts.gender", l -> new FieldLine(l.id(), l.sources(), Target.custom(
                new CustomFieldSpec("Gender", l.target().custom().type(), List.of("He/Him", "They/Them"))),
                l.transform(), false, 0.8, l.reason(), "user"));
        map = editLine(map, "contacts.title", l -> new FieldLine(l.id(), l.sources(), l.target(),
                io.atomicmigrate.common.map.Transform.of(l.transform().kind(), Map.of("onOverflow", "reject")),
                false, 0.8, l.reason(), "user"));
        map = removeLine(map, "contacts.name");
        given().contentType(ContentType.JSON).body(Json.mapper().writeValueAsString(map))
                .post("/api/migrations/{id}/map/validation", id).then().statusCode(200)
                .body("find { it.code == 'DUPLICATE_DESTINATION' }.message",
                        containsString("'contacts.email_jsonb' and 'contacts.linkedin_url' both write standard field 'emails'"))
                .body("find { it.code == 'ENUM_MISSING_OPTIONS' }.line", is("contacts.gender"))
                .body("find { it.code == 'ENUM_MISSING_OPTIONS' }.message", containsString("She/Her"))
                .body("find { it.code == 'REQUIRED_UNMAPPED' }.message", containsString("a Pipedrive person needs name"))
                .body("find { it.code == 'TYPE_CANNOT_HOLD' }.line", is("contacts.title"))
                .body("find { it.code == 'TYPE_CANNOT_HOLD' }.message", containsString("up to 310 characters"));
    }

    @Test
    void editsAreNewVersionsApprovalRecordsWhoAndWhenAndAnEditAfterApprovalNeedsApprovalAgain() throws Exception {
        String id = discover("map-approve-" + UUID.randomUUID());
        String hash1 = given().get("/api/migrations/{id}/map/versions/1", id).jsonPath().getString("hash");

        // an invalid edit is saved (a draft) but cannot be approved
        MigrationMap broken = removeLine(document(id, 1), "deals.name");
        given().contentType(ContentType.JSON).body(Map.of("document", Json.mapper().valueToTree(broken), "editedBy", "ann@acme.com"))
                .post("/api/migrations/{id}/map/versions", id).then().statusCode(201)
                .body("map.version", is(2)).body("map.proposedBy", is("ann@acme.com"))
                .body("issues.code", hasItem("REQUIRED_UNMAPPED"));
        given().contentType(ContentType.JSON).body(Map.of("approvedBy", "ann@acme.com"))
                .post("/api/migrations/{id}/map/versions/2/approval", id).then().statusCode(409)
                .body("code", is("MAP_INVALID")).body("issues.code", hasItem("REQUIRED_UNMAPPED"));

        given().get("/api/migrations/{id}/map/diff?from=1&to=2", id).then().statusCode(200)
                .body("path", hasItem("objects[deals].fields[deals.name]"))
                .body("find { it.path == 'objects[deals].fields[deals.name]' }.change", is("removed"));

        // the reviewer approves what they looked at: a stale hash is refused
        given().contentType(ContentType.JSON).body(Map.of("approvedBy", "ann@acme.com", "expectedHash", "0".repeat(64)))
                .post("/api/migrations/{id}/map/versions/1/approval", id).then().statusCode(409).body("code", is("HASH_MISMATCH"));
        given().contentType(ContentType.JSON).body(Map.of("approvedBy", "ann@acme.com", "expectedHash", hash1))
                .post("/api/migrations/{id}/map/versions/1/approval", id).then().statusCode(200)
                .body("approved", is(true)).body("approvedBy", is("ann@acme.com")).body("approvedAt", containsString("T"));
        // approving again changes nothing and emits nothing
        given().contentType(ContentType.JSON).body(Map.of("approvedBy", "bob@acme.com"))
                .post("/api/migrations/{id}/map/versions/1/approval", id).then().statusCode(200).body("approvedBy", is("ann@acme.com"));

        // a line edit after approval: version 3, not approved
        FieldLine edited = document(id, 1).object("contacts").line("contacts.background");
        ObjectNode line = Json.mapper().valueToTree(edited);
        line.put("confidence", 0.99).put("reason", "checked by Ann");
        given().contentType(ContentType.JSON).body(Map.of("line", line, "editedBy", "ann@acme.com"))
                .put("/api/migrations/{id}/map/lines/contacts.background", id).then().statusCode(201)
                .body("map.version", is(3)).body("map.approved", is(false));
        given().get("/api/migrations/{id}/map", id).then().body("map.version", is(3)).body("map.approved", is(false))
                .body("map.document.objects.find { it.source == 'contacts' }.fields.find { it.id == 'contacts.background' }.origin",
                        is("user"));

        var events = TopicProbe.await(Topics.MIGRATION_EVENTS, id,
                seen -> seen.stream().filter(r -> r.value().payload() instanceof MapProposed).count() == 3
                        && seen.stream().anyMatch(r -> r.value().payload() instanceof MapApproved), Duration.ofSeconds(20));
        List<MapApproved> approvals = events.stream().map(r -> r.value().payload()).filter(MapApproved.class::isInstance)
                .map(MapApproved.class::cast).toList();
        assertThat(approvals).singleElement().satisfies(a -> {
            assertThat(a.mapVersion()).isEqualTo(1);
            assertThat(a.approvedBy()).isEqualTo("ann@acme.com");
            assertThat(a.mapHash()).isEqualTo(hash1);
        });
        assertThat(events).allSatisfy(r -> assertThat(r.key()).isEqualTo(id));
    }

    @Test
    void columnProfilesInTheDiscoveryPayloadAreTakenAsOptionalInput() throws Exception {
        String id = "map-profiles-" + UUID.randomUUID();
        EventEnvelope<MigrationDiscovered> event = EventEnvelope.of(id, FixtureDatabase.get().discovered());
        ObjectNode json = (ObjectNode) Json.mapper().readTree(new io.atomicmigrate.common.json.EventCodec().encode(event));
        ((ObjectNode) json.get("payload")).set("columnProfiles", Json.mapper().readTree("""
                [{"table": "contacts", "column": "nickname", "rows": 500, "nonNull": 425, "distinct": 3, "maxLength": 9,
                  "samples": ["Sam", "Alex", "Kim"], "topValues": {"Sam": 200, "Alex": 150, "Kim": 75}}]"""));
        java.util.Properties p = new java.util.Properties();
        p.put("bootstrap.servers", io.atomicmigrate.localstack.LocalStack.shared().kafka().bootstrapServers());
        try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<String, byte[]>(p,
                new org.apache.kafka.common.serialization.StringSerializer(),
                new org.apache.kafka.common.serialization.ByteArraySerializer())) {
            producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(Topics.MIGRATION_EVENTS, id,
                    Json.mapper().writeValueAsBytes(json))).get();
        }
        awaitVersion(id, 1);
        given().get("/api/migrations/{id}/profiles", id).then().statusCode(200)
                .body("find { it.column == 'nickname' }.nonNull", is(425));
        // three repeating values: the proposal makes an option field of them, and says how full the column is
        given().get("/api/migrations/{id}/map", id).then()
                .body("map.document.objects.find { it.source == 'contacts' }.fields.find { it.id == 'contacts.nickname' }.target.custom.type",
                        is("enum"))
                .body("map.document.objects.find { it.source == 'contacts' }.fields.find { it.id == 'contacts.nickname' }.reason",
                        containsString("85% filled"));
    }

    @Test
    void badInputsGetSpecificErrors() throws Exception {
        String id = discover("map-errors-" + UUID.randomUUID());
        JsonNode doc = Json.mapper().valueToTree(document(id, 1));
        ((ObjectNode) doc.at("/objects/1/fields/9/target/custom")).put("type", "dropdown");
        given().contentType(ContentType.JSON).body(Map.of("document", doc, "editedBy", "ann@acme.com"))
                .post("/api/migrations/{id}/map/versions", id).then().statusCode(400).body("code", is("INVALID_JSON"))
                .body("message", containsString("unknown Pipedrive field type 'dropdown'"));
        JsonNode stray = Json.mapper().valueToTree(document(id, 1));
        ((ObjectNode) stray).put("apiToken", "x");
        given().contentType(ContentType.JSON).body(Map.of("document", stray, "editedBy", "ann@acme.com"))
                .post("/api/migrations/{id}/map/versions", id).then().statusCode(400).body("message", containsString("apiToken"));
        given().contentType(ContentType.JSON).body(Map.of("document", Json.mapper().valueToTree(document(id, 1))))
                .post("/api/migrations/{id}/map/versions", id).then().statusCode(400)
                .body("message", containsString("editedBy is required"));
        given().contentType(ContentType.JSON).body(Map.of("approvedBy", "ann@acme.com"))
                .post("/api/migrations/{id}/map/versions/9/approval", id).then().statusCode(404).body("code", is("UNKNOWN_VERSION"));
        given().get("/api/migrations/{id}/map", "never-discovered").then().statusCode(404).body("code", is("NO_MAP"));
        given().get("/api/migrations/{id}/map/diff?from=1", id).then().statusCode(400).body("message", containsString("'to'"));
        given().contentType(ContentType.JSON).body(Map.of("line", Map.of("id", "contacts.nope", "sources", List.of("x"),
                        "target", Map.of("kind", "LOSS"), "transform", Map.of("kind", "NONE"), "required", false,
                        "confidence", 0.5, "reason", "r"), "editedBy", "ann@acme.com"))
                .put("/api/migrations/{id}/map/lines/contacts.nope", id).then().statusCode(404).body("code", is("UNKNOWN_LINE"));
    }
}

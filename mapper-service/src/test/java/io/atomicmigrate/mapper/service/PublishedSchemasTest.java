package io.atomicmigrate.mapper.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import io.atomicmigrate.common.events.Phase;
import io.atomicmigrate.common.json.Json;
import io.atomicmigrate.common.map.MigrationMap;
import io.atomicmigrate.mapper.FixtureDatabase;
import io.atomicmigrate.mapper.service.proposal.MapProposer;
import io.atomicmigrate.mapper.service.transform.KnownSourceIds;
import io.atomicmigrate.mapper.service.transform.MapLookups;
import io.atomicmigrate.mapper.service.transform.RecordTransformer;
import io.atomicmigrate.mapper.service.transform.TransformOutcome;
import io.atomicmigrate.mapper.service.transform.TransformRun;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the mapper publishes matches the schemas in common that the loader and dashboards code
 * against: a full proposed map, and every mapped or rejected record of a dirty database.
 */
class PublishedSchemasTest {

    static JsonSchema schema(String name) {
        try (InputStream in = PublishedSchemasTest.class.getClassLoader().getResourceAsStream("schemas/" + name)) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in,
                    SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theProposedMapOfARealDatabaseValidatesAgainstMapSchema() {
        FixtureDatabase db = FixtureDatabase.get();
        MigrationMap map = new MapProposer().propose("m-schema", db.discovered(), db.profiles());
        assertThat(schema("map.schema.json").validate(Json.mapper().valueToTree(map))).isEmpty();
    }

    @Test
    void everyMappedAndRejectedRecordValidatesAgainstItsEventSchema() {
        FixtureDatabase db = FixtureDatabase.get();
        MigrationMap map = new MapProposer().propose("m-schema", db.discovered(), db.profiles());
        TransformRun run = new TransformRun(1, new MapLookups(map), KnownSourceIds.NONE);
        JsonSchema mapped = schema("record.mapped.schema.json");
        JsonSchema rejected = schema("record.rejected.schema.json");
        RecordTransformer transformer = new RecordTransformer();
        int checked = 0;
        for (String table : List.of("sales", "tags", "companies", "contacts", "contact_notes", "deals", "deal_notes", "tasks")) {
            for (JsonNode row : db.rows(table)) {
                TransformOutcome o = transformer.transform(FixtureDatabase.extracted(table, row), Phase.PERSONS, run);
                for (var m : o.mapped()) {
                    assertThat(mapped.validate(Json.mapper().valueToTree(m))).as(table + " " + m.sourceId()).isEmpty();
                    checked++;
                }
                if (o.rejected() != null) {
                    assertThat(rejected.validate(Json.mapper().valueToTree(o.rejected()))).as(table).isEmpty();
                    checked++;
                }
            }
        }
        assertThat(checked).isGreaterThan(2_000);
        // the verdicts without a write: a LEADS skip and a delta deletion
        for (JsonNode row : db.rows("contacts").subList(0, 20)) {
            for (var m : transformer.transform(FixtureDatabase.extracted("contacts", row), Phase.LEADS, run).mapped()) {
                assertThat(mapped.validate(Json.mapper().valueToTree(m))).as("LEADS " + m.sourceId()).isEmpty();
            }
        }
        var deleted = new io.atomicmigrate.common.events.payload.RecordExtracted("deals", "9", null, "0".repeat(64),
                io.atomicmigrate.common.events.payload.RecordExtracted.Change.DELETED);
        var delete = transformer.transform(deleted, Phase.DEALS, run).mapped().get(0);
        assertThat(mapped.validate(Json.mapper().valueToTree(delete))).isEmpty();
        assertThat(Json.mapper().valueToTree(delete).get("action").asText()).isEqualTo("DELETE");
    }
}

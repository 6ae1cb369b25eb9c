package io.atomicmigrate.sandbox.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bundled specs are Pipedrive's, byte for byte (sha256 from shared/pipedrive-openapi/README.md),
 * and every operation's cost comes from its x-token-cost.
 */
class TokenCostTableTest {
    static String sha256(String resource) throws Exception {
        try (InputStream in = TokenCostTableTest.class.getResourceAsStream(resource)) {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(in.readAllBytes()));
        }
    }

    @Test
    void bundledSpecsMatchThePublishedHashes() throws Exception {
        assertThat(sha256(TokenCostTable.V1_SPEC)).isEqualTo("302b0d7c2c1a6cb96a2d299717c6be0c2cf3eac6dfd884ea8352962ebf501c2b");
        assertThat(sha256(TokenCostTable.V2_SPEC)).isEqualTo("8900dc89d2734f8b864c6c8286c63d7ee6677f5c236e88dc89f87d8013f5671d");
    }

    @Test
    void everySpecOperationIsInTheTableWithItsCost() throws Exception {
        TokenCostTable table = TokenCostTable.load();
        int checked = 0;
        for (String[] spec : new String[][]{{TokenCostTable.V1_SPEC, "1"}, {TokenCostTable.V2_SPEC, "2"}}) {
            JsonNode paths;
            try (InputStream in = getClass().getResourceAsStream(spec[0])) {
                paths = new YAMLMapper().readTree(in).path("paths");
            }
            for (var it = paths.fields(); it.hasNext(); ) {
                var path = it.next();
                for (var m = path.getValue().fields(); m.hasNext(); ) {
                    var op = m.next();
                    if (!op.getValue().has("x-token-cost")) {
                        continue;
                    }
                    String concrete = path.getKey().replaceAll("\\{[^}]+}", "123");
                    var found = table.find(Integer.parseInt(spec[1]), op.getKey().toUpperCase(), concrete);
                    assertThat(found).as(op.getKey() + " " + path.getKey()).isPresent();
                    assertThat(found.get().cost()).as(path.getKey()).isEqualTo(op.getValue().get("x-token-cost").asInt());
                    checked++;
                }
            }
        }
        assertThat(checked).isGreaterThan(300);
    }

    @Test
    void literalPathsWinOverTemplates() {
        TokenCostTable table = TokenCostTable.load();
        assertThat(table.find(2, "GET", "/persons/search").orElseThrow().operationId()).isEqualTo("searchPersons");
        assertThat(table.find(2, "GET", "/persons/42").orElseThrow().operationId()).isEqualTo("getPerson");
        assertThat(table.find(2, "GET", "/deals/archived").orElseThrow().operationId()).isEqualTo("getArchivedDeals");
        assertThat(table.find(1, "GET", "/users/me").orElseThrow().operationId()).isEqualTo("getCurrentUser");
        assertThat(table.find(2, "GET", "/persons/search").orElseThrow().isSearch()).isTrue();
    }
}

package io.atomicmigrate.loader.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The loader's token cost table equals the x-token-cost of Pipedrive's specs (the copies the sandbox ships). */
class TokenCostsTest {

    @Test
    void everyCostMatchesTheSpecs() throws Exception {
        Map<String, Integer> spec = new HashMap<>();
        for (String file : new String[]{"/pipedrive-openapi/openapi-v1.yaml", "/pipedrive-openapi/openapi-v2.yaml"}) {
            try (InputStream in = getClass().getResourceAsStream(file)) {
                assertThat(in).as(file).isNotNull();
                JsonNode paths = new YAMLMapper().readTree(in).path("paths");
                for (Iterator<JsonNode> it = paths.elements(); it.hasNext(); ) {
                    for (JsonNode op : it.next()) {
                        if (op.has("operationId") && op.has("x-token-cost")) {
                            spec.put(op.get("operationId").asText(), op.get("x-token-cost").asInt());
                        }
                    }
                }
            }
        }
        assertThat(TokenCosts.all()).isNotEmpty();
        TokenCosts.all().forEach((operation, cost) ->
                assertThat(cost).as("x-token-cost of " + operation).isEqualTo(spec.get(operation)));
    }
}

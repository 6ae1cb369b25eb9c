package io.atomicmigrate.reconciler.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The reconciler asks the extractor's internal endpoint for each migration's Pipedrive account
 * (EXTRACTOR_URL, bearer PLATFORM_INTERNAL_TOKEN): its Deployment must point at the extractor's
 * Service and take the token from the same Secret the extractor checks it against, never a literal.
 */
class DeploymentManifestTest {

    private static final Path BASE = Path.of("../deploy/base");

    @Test
    void theReconcilerFindsTheExtractorAndSharesItsInternalTokenSecret() throws IOException {
        Map<String, JsonNode> extractor = docs("extractor-service.yaml");
        Map<String, JsonNode> reconciler = docs("reconciler-service.yaml");
        JsonNode extractorService = extractor.get("Service");
        String serviceUrl = "http://" + extractorService.at("/metadata/name").asText()
                + (extractorService.at("/spec/ports/0/port").asInt() == 80 ? "" : ":" + extractorService.at("/spec/ports/0/port").asInt());

        Map<String, JsonNode> env = env(reconciler.get("Deployment"));
        assertThat(env.get("EXTRACTOR_URL")).as("EXTRACTOR_URL").isNotNull();
        assertThat(env.get("EXTRACTOR_URL").path("value").asText()).isEqualTo(serviceUrl);

        JsonNode token = env.get("PLATFORM_INTERNAL_TOKEN");
        assertThat(token).as("PLATFORM_INTERNAL_TOKEN").isNotNull();
        assertThat(token.has("value")).as("the token is never a literal in a manifest").isFalse();
        JsonNode extractorToken = env(extractor.get("Deployment")).get("PLATFORM_INTERNAL_TOKEN");
        assertThat(token.at("/valueFrom/secretKeyRef")).isEqualTo(extractorToken.at("/valueFrom/secretKeyRef"));
        assertThat(token.at("/valueFrom/secretKeyRef/name").asText()).isNotBlank();

        // and the service reads exactly these variables
        String properties = Files.readString(Path.of("src/main/resources/application.properties"));
        assertThat(properties).contains("${EXTRACTOR_URL:", "${PLATFORM_INTERNAL_TOKEN:");
    }

    private static Map<String, JsonNode> docs(String file) throws IOException {
        Map<String, JsonNode> byKind = new HashMap<>();
        try (var docs = new YAMLMapper().readerFor(JsonNode.class).<JsonNode>readValues(BASE.resolve(file).toFile())) {
            while (docs.hasNext()) {
                JsonNode doc = docs.next();
                byKind.put(doc.path("kind").asText(), doc);
            }
        }
        return byKind;
    }

    private static Map<String, JsonNode> env(JsonNode deployment) {
        Map<String, JsonNode> out = new HashMap<>();
        deployment.at("/spec/template/spec/containers/0/env").forEach(e -> out.put(e.path("name").asText(), e));
        return out;
    }
}

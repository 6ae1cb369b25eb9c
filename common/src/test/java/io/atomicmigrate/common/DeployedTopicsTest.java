package io.atomicmigrate.common;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.atomicmigrate.common.topics.Topic;
import io.atomicmigrate.common.topics.Topics;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Production creates topics from deploy/base/kafka-topics.yaml (Strimzi), tests and the demo
 * from {@link Topics}. If the two drift, production gets different partition counts or a
 * report topic that is not compacted; this test keeps them the same.
 */
class DeployedTopicsTest {

    @Test
    void strimziTopicDefinitionsMatchTheTopicsInCode() throws IOException {
        Map<String, JsonNode> deployed = new HashMap<>();
        try (var docs = new YAMLMapper().readerFor(JsonNode.class)
                .<JsonNode>readValues(Path.of("../deploy/base/kafka-topics.yaml").toFile())) {
            while (docs.hasNext()) {
                JsonNode doc = docs.next();
                assertThat(doc.path("kind").asText()).isEqualTo("KafkaTopic");
                deployed.put(doc.at("/metadata/name").asText(), doc.get("spec"));
            }
        }
        assertThat(deployed.keySet()).containsExactlyInAnyOrderElementsOf(Topics.ALL.stream().map(Topic::name).toList());
        for (Topic topic : Topics.ALL) {
            JsonNode spec = deployed.get(topic.name());
            assertThat(spec.path("partitions").asInt()).as(topic.name() + " partitions").isEqualTo(topic.partitions());
            assertThat(spec.at("/config/cleanup.policy").asText()).as(topic.name() + " cleanup.policy")
                    .isEqualTo(topic.cleanupPolicy());
        }
    }
}

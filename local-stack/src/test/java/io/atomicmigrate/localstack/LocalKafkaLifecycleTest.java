package io.atomicmigrate.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.atomicmigrate.common.topics.Topic;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;

/** A broker of one's own: {@link LocalKafka#start()} and {@link LocalKafka#close()}. */
class LocalKafkaLifecycleTest {

    @Test
    void aStartedBrokerIsIndependentAndLeavesNothingBehindWhenClosed() throws Exception {
        Path dir;
        String bootstrap;
        try (LocalKafka own = LocalKafka.start()) {
            assertThat(own.isEmbedded()).isTrue();
            bootstrap = own.bootstrapServers();
            assertThat(bootstrap).startsWith("127.0.0.1:").isNotEqualTo(LocalKafka.shared().bootstrapServers());
            dir = own.dataDir().orElseThrow();
            assertThat(dir).isDirectory();

            Topic topic = new Topic("lifecycle.test", 2, true, "id");
            own.createTopics(List.of(topic));
            own.createTopics(List.of(topic)); // again: already exists, no error
            try (Admin admin = own.admin()) {
                assertThat(admin.describeTopics(List.of(topic.name())).allTopicNames().get()
                        .get(topic.name()).partitions()).hasSize(2);
                // start() creates no platform topics: only what was asked for
                assertThat(admin.listTopics().names().get()).containsExactly(topic.name());
            }
        }
        assertThat(dir).doesNotExist();
        int port = Integer.parseInt(bootstrap.substring(bootstrap.indexOf(':') + 1));
        assertThatThrownBy(() -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            }
        }).isInstanceOf(IOException.class);
    }
}

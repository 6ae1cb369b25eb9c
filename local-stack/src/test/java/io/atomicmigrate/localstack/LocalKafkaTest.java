package io.atomicmigrate.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.atomicmigrate.common.topics.Topic;
import io.atomicmigrate.common.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

/** The broker behaves like the production cluster the services are written for (DESIGN §3). */
class LocalKafkaTest {

    private final LocalKafka kafka = LocalKafka.shared();

    @Test
    void everyPlatformTopicExistsWithItsPartitionCountAndCleanupPolicy() throws Exception {
        List<String> names = Topics.ALL.stream().map(Topic::name).toList();
        try (Admin admin = kafka.admin()) {
            Map<String, TopicDescription> described = admin.describeTopics(names).allTopicNames().get();
            List<ConfigResource> resources = names.stream()
                    .map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList();
            Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get();

            for (Topic topic : Topics.ALL) {
                assertThat(described.get(topic.name()).partitions())
                        .as("partitions of %s", topic.name()).hasSize(topic.partitions());
                String policy = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, topic.name()))
                        .get(TopicConfig.CLEANUP_POLICY_CONFIG).value();
                assertThat(policy).as("cleanup.policy of %s", topic.name()).isEqualTo(topic.cleanupPolicy());
            }
        }
        assertThat(Topics.RECONCILIATION_REPORTS_TOPIC.cleanupPolicy()).isEqualTo("compact");
    }

    @Test
    void createTopicsIsIdempotent() throws Exception {
        kafka.createTopics(Topics.ALL);
        try (Admin admin = kafka.admin()) {
            assertThat(admin.describeTopics(List.of(Topics.RECORDS_MAPPED)).allTopicNames().get()
                    .get(Topics.RECORDS_MAPPED).partitions()).hasSize(Topics.RECORDS_MAPPED_TOPIC.partitions());
        }
    }

    @Test
    void producingToAnUnknownTopicFailsAndDoesNotCreateIt() throws Exception {
        String typo = "crm.records.extraced-" + UUID.randomUUID();
        try (KafkaProducer<String, String> producer = producer(Map.of(ProducerConfig.MAX_BLOCK_MS_CONFIG, "2000"))) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(typo, "k", "v")).get())
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOfAny(TimeoutException.class, UnknownTopicOrPartitionException.class);
        }
        try (Admin admin = kafka.admin()) {
            assertThat(admin.listTopics().names().get()).doesNotContain(typo).containsAll(
                    Topics.ALL.stream().map(Topic::name).collect(Collectors.toSet()));
        }
    }

    @Test
    void aKeyedRecordLandsOnTheDefaultPartitionersPartitionAndIsConsumedBack() throws Exception {
        Topic topic = Topics.RECORDS_EXTRACTED_TOPIC;
        String key = "mig-" + UUID.randomUUID() + "/contacts/42";
        String value = "{\"first_name\":\"Ada\",\"email\":\"ada@example.com\"}";
        int expected = Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % topic.partitions();

        RecordMetadata sent;
        try (KafkaProducer<String, String> producer = producer(Map.of())) {
            sent = producer.send(new ProducerRecord<>(topic.name(), key, value)).get();
        }
        assertThat(sent.partition()).isEqualTo(expected);

        List<ConsumerRecord<String, String>> read = readFrom(new TopicPartition(topic.name(), expected), sent.offset(), 1);
        assertThat(read.get(0).key()).isEqualTo(key);
        assertThat(read.get(0).value()).isEqualTo(value);
    }

    @Test
    void recordsWithTheSameKeyShareAPartitionAndKeepTheirOrder() throws Exception {
        Topic topic = Topics.RECORDS_MAPPED_TOPIC;
        String key = "mig-" + UUID.randomUUID() + "/email:ada@example.com";
        RecordMetadata first;
        RecordMetadata second;
        try (KafkaProducer<String, String> producer = producer(Map.of())) {
            first = producer.send(new ProducerRecord<>(topic.name(), key, "first")).get();
            second = producer.send(new ProducerRecord<>(topic.name(), key, "second")).get();
        }
        assertThat(second.partition()).isEqualTo(first.partition());
        assertThat(second.offset()).isGreaterThan(first.offset());

        List<ConsumerRecord<String, String>> read =
                readFrom(new TopicPartition(topic.name(), first.partition()), first.offset(), 2);
        assertThat(read).extracting(ConsumerRecord::value).containsExactly("first", "second");
    }

    @Test
    void aConsumerGroupReceivesAndCommits() throws Exception {
        // Services consume in groups: this needs __consumer_offsets, i.e. replication factor 1 for it.
        String key = "mig-" + UUID.randomUUID();
        try (KafkaProducer<String, String> producer = producer(Map.of())) {
            producer.send(new ProducerRecord<>(Topics.MIGRATION_EVENTS, key, "created")).get();
        }
        Properties props = consumerProps();
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "local-stack-test-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(Topics.MIGRATION_EVENTS));
            ConsumerRecord<String, String> found = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (found == null && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    if (key.equals(r.key())) {
                        found = r;
                    }
                }
            }
            assertThat(found).as("record consumed by the group").isNotNull();
            consumer.commitSync();
            TopicPartition tp = new TopicPartition(Topics.MIGRATION_EVENTS, found.partition());
            assertThat(consumer.committed(java.util.Set.of(tp)).get(tp).offset()).isGreaterThan(found.offset());
        }
    }

    private List<ConsumerRecord<String, String>> readFrom(TopicPartition tp, long offset, int count) {
        List<ConsumerRecord<String, String>> read = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProps())) {
            consumer.assign(List.of(tp));
            consumer.seek(tp, offset);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (read.size() < count && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(read::add);
            }
        }
        assertThat(read).as("records read from %s at %d", tp, offset).hasSizeGreaterThanOrEqualTo(count);
        return read.subList(0, count);
    }

    private KafkaProducer<String, String> producer(Map<String, String> overrides) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.putAll(overrides);
        return new KafkaProducer<>(props);
    }

    private Properties consumerProps() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return props;
    }
}

package io.atomicmigrate.mapper;

import io.atomicmigrate.common.events.EventEnvelope;
import io.atomicmigrate.common.events.EventKeys;
import io.atomicmigrate.common.json.EventCodec;
import io.atomicmigrate.localstack.LocalStack;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Plain Kafka clients on the real local broker: publish events as another service would, read what the mapper wrote. */
public final class TopicProbe {

    private static final EventCodec CODEC = new EventCodec();

    private TopicProbe() {
    }

    public static void publish(EventEnvelope<?> event) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalStack.shared().kafka().bootstrapServers());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(event.eventType().topic(), EventKeys.of(event), CODEC.encode(event))).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static void publishAll(List<? extends EventEnvelope<?>> events) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalStack.shared().kafka().bootstrapServers());
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            for (EventEnvelope<?> event : events) {
                producer.send(new ProducerRecord<>(event.eventType().topic(), EventKeys.of(event), CODEC.encode(event)));
            }
            producer.flush();
        }
    }

    /** Every event of {@code migrationId} on the topic right now: reads each partition to its end offset. */
    public static List<ConsumerRecord<String, EventEnvelope<?>>> readAll(String topic, String migrationId) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalStack.shared().kafka().bootstrapServers());
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            var end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, EventEnvelope<?>>> seen = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < deadline
                    && partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    EventEnvelope<?> e = CODEC.decode(r.value());
                    if (e.migrationId().equals(migrationId)) {
                        seen.add(new ConsumerRecord<>(r.topic(), r.partition(), r.offset(), r.key(), e));
                    }
                }
            }
            return seen;
        }
    }

    /** Reads the whole topic until {@code done} holds for the events of {@code migrationId} (or the timeout). */
    public static List<ConsumerRecord<String, EventEnvelope<?>>> await(String topic, String migrationId,
            Predicate<List<ConsumerRecord<String, EventEnvelope<?>>>> done, Duration timeout) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalStack.shared().kafka().bootstrapServers());
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<ConsumerRecord<String, EventEnvelope<?>>> seen = new ArrayList<>();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    EventEnvelope<?> e = CODEC.decode(r.value());
                    if (e.migrationId().equals(migrationId)) {
                        seen.add(new ConsumerRecord<>(r.topic(), r.partition(), r.offset(), r.key(), e));
                    }
                }
                if (done.test(seen)) {
                    return seen;
                }
            }
            return seen;
        }
    }
}

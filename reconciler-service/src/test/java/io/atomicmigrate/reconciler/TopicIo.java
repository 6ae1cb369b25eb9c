package io.atomicmigrate.reconciler;

import io.atomicmigrate.common.events.EventEnvelope;
import io.atomicmigrate.common.events.EventKeys;
import io.atomicmigrate.common.json.EventCodec;
import io.atomicmigrate.localstack.LocalStack;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
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

/**
 * The other services, played by a test through the real broker: publishes events on their topics
 * with their keys (as the extractor, mapper and loader do) and reads what the reconciler published.
 */
public final class TopicIo {

    private static final EventCodec CODEC = new EventCodec();
    private static KafkaProducer<String, byte[]> producer;

    private TopicIo() {
    }

    /** Publishes each event on its type's topic with its key, and waits for the broker's ack. */
    public static void publish(EventEnvelope<?>... events) {
        for (EventEnvelope<?> e : events) {
            try {
                producer().send(new ProducerRecord<>(e.eventType().topic(), EventKeys.of(e), CODEC.encode(e))).get();
            } catch (InterruptedException | ExecutionException ex) {
                throw new IllegalStateException("publishing " + e.type(), ex);
            }
        }
    }

    /** A record read back: its key and the decoded event. */
    public record Read(String key, EventEnvelope<?> event) {
    }

    /** Every event on a topic so far, decoded. */
    public static List<Read> readAll(String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalStack.shared().kafka().bootstrapServers());
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<Read> out = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    out.add(new Read(r.key(), CODEC.decode(r.value())));
                }
            }
            return out;
        }
    }

    /** Waits until the topic holds events matching {@code match} for which {@code done} holds; returns them. */
    public static List<Read> await(String topic, Predicate<Read> match, Predicate<List<Read>> done, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Read> found = List.of();
        while (System.nanoTime() < deadline) {
            found = readAll(topic).stream().filter(match).toList();
            if (done.test(found)) {
                return found;
            }
            sleep(250);
        }
        throw new AssertionError("on " + topic + " after " + timeout + " only: "
                + found.stream().map(r -> r.event().type() + " " + r.event().phase()).toList());
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static synchronized KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            Properties props = new Properties();
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalStack.shared().kafka().bootstrapServers());
            producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
        }
        return producer;
    }
}

package io.atomicmigrate.loader.support;

import io.atomicmigrate.common.events.EventEnvelope;
import io.atomicmigrate.common.events.EventKeys;
import io.atomicmigrate.common.events.EventPayload;
import io.atomicmigrate.common.events.Phase;
import io.atomicmigrate.common.json.EventCodec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;

/** Publishes events to the real broker and reads what the loader published, filtered by migration. */
public final class Topics {

    private static final EventCodec CODEC = new EventCodec();

    private Topics() {
    }

    private static String bootstrap() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    public static <P extends EventPayload> EventEnvelope<P> publish(String migrationId, String runId, Phase phase, P payload) {
        EventEnvelope<P> event = new EventEnvelope<>(UUID.randomUUID(), io.atomicmigrate.common.events.EventType.of(payload)
                .wireName(), migrationId, runId, phase, Instant.now(), EventEnvelope.CURRENT_SCHEMA_VERSION, payload);
        publish(event);
        return event;
    }

    public static void publish(EventEnvelope<?> event) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(event.eventType().topic(), EventKeys.of(event), CODEC.encode(event))).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static void publishAll(List<? extends EventEnvelope<?>> events) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            for (EventEnvelope<?> event : events) {
                producer.send(new ProducerRecord<>(event.eventType().topic(), EventKeys.of(event), CODEC.encode(event)));
            }
            producer.flush();
        }
    }

    /** Reads {@code topic} from the beginning until {@code done} holds for the migration's events, or the timeout. */
    public static List<EventEnvelope<?>> await(String topic, String migrationId, Duration timeout,
                                               Predicate<List<EventEnvelope<?>>> done) {
        return await(bootstrap(), topic, migrationId, timeout, done);
    }

    /** The same, on a broker named explicitly (tests that run the loader as a process, outside Quarkus). */
    public static List<EventEnvelope<?>> await(String bootstrap, String topic, String migrationId, Duration timeout,
                                               Predicate<List<EventEnvelope<?>>> done) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<EventEnvelope<?>> seen = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long end = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < end) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    try {
                        EventEnvelope<?> e = CODEC.decode(r.value());
                        if (migrationId.equals(e.migrationId())) {
                            seen.add(e);
                        }
                    } catch (RuntimeException ignored) {
                        // events this version cannot read (other services', newer ones)
                    }
                }
                if (done.test(seen)) {
                    return seen;
                }
            }
        }
        return seen;
    }
}

package io.atomicmigrate.reconciler.messaging;

import io.atomicmigrate.common.topics.Topics;
import io.atomicmigrate.reconciler.config.ReconcilerConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Whether the mapper has read every record on crm.records.extracted: its consumer group's
 * committed offsets have reached the end of every partition. The mapper commits only after its
 * output is on the broker, so a drained mapper that published nothing for a row did so on
 * purpose, not because it has not got there yet.
 */
@ApplicationScoped
public class MapperProgress {

    private static final Logger LOG = Logger.getLogger(MapperProgress.class);

    private final String bootstrap;
    private final String group;
    private volatile Admin admin;

    public MapperProgress(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap, ReconcilerConfig config) {
        this.bootstrap = bootstrap;
        this.group = config.gating().mapperGroup();
    }

    /** True when the mapper's group has committed the end offset of every partition (blocking calls off the event loop). */
    public Uni<Boolean> drained() {
        return Uni.createFrom().item(this::drainedNow).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private boolean drainedNow() {
        try {
            Admin client = admin();
            Map<TopicPartition, OffsetAndMetadata> committed = client.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            List<TopicPartition> partitions = client.describeTopics(List.of(Topics.RECORDS_EXTRACTED))
                    .allTopicNames().get(10, TimeUnit.SECONDS).get(Topics.RECORDS_EXTRACTED).partitions().stream()
                    .map(p -> new TopicPartition(Topics.RECORDS_EXTRACTED, p.partition())).toList();
            Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
            partitions.forEach(p -> latest.put(p, OffsetSpec.latest()));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = client.listOffsets(latest).all()
                    .get(10, TimeUnit.SECONDS);
            for (TopicPartition p : partitions) {
                long end = ends.get(p).offset();
                OffsetAndMetadata at = committed.get(p);
                if (end > 0 && (at == null || at.offset() < end)) {
                    return false;
                }
            }
            return true;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.debugf("mapper progress unknown (%s); rows without output are not counted as skipped", e.toString());
            return false;
        }
    }

    private Admin admin() {
        Admin current = admin;
        if (current == null) {
            synchronized (this) {
                if (admin == null) {
                    Properties props = new Properties();
                    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
                    admin = Admin.create(props);
                }
                current = admin;
            }
        }
        return current;
    }

    void onStop(@Observes ShutdownEvent stop) {
        if (admin != null) {
            admin.close();
        }
    }
}

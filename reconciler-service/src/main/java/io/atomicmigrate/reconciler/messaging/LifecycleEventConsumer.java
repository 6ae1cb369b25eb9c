package io.atomicmigrate.reconciler.messaging;

import io.atomicmigrate.common.events.EventEnvelope;
import io.atomicmigrate.common.events.payload.BudgetState;
import io.atomicmigrate.common.json.EventCodec;
import io.atomicmigrate.common.json.Json;
import io.atomicmigrate.reconciler.repository.BudgetStateRepository;
import io.atomicmigrate.reconciler.repository.LifecycleEventRepository;
import io.atomicmigrate.reconciler.service.LifecycleEvent;
import io.atomicmigrate.reconciler.service.LifecycleReactions;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Records every lifecycle event once and lets the conductor react to it (budget.state, frequent,
 * only as the latest state per migration). The offset is committed
 * only after both, and the insert ignores an event id it has seen, so redelivery is harmless.
 */
@ApplicationScoped
public class LifecycleEventConsumer {

    private static final Logger LOG = Logger.getLogger(LifecycleEventConsumer.class);

    private final LifecycleEventRepository repository;
    private final BudgetStateRepository budgets;
    private final LifecycleReactions reactions;
    private final EventCodec codec = new EventCodec();

    public LifecycleEventConsumer(LifecycleEventRepository repository, BudgetStateRepository budgets,
                                  LifecycleReactions reactions) {
        this.repository = repository;
        this.budgets = budgets;
        this.reactions = reactions;
    }

    @Incoming("migration-events")
    public Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
        EventEnvelope<?> event = codec.decode(record.value());
        LifecycleEvent row = new LifecycleEvent(event.id(), event.migrationId(), event.runId(),
                event.phase() == null ? null : event.phase().name(), event.type(), record.key(), record.partition(),
                record.offset(), event.occurredAt());
        String payload;
        try {
            payload = Json.mapper().writeValueAsString(event.payload());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        if (event.payload() instanceof BudgetState) {
            // frequent and only interesting as "where it stands now": the latest per migration, not the history
            return Uni.createFrom().deferred(() -> budgets.keepLatest(event.migrationId(), event.id(), event.occurredAt(),
                            new io.vertx.core.json.JsonObject(payload)))
                    .onFailure().retry().withBackOff(java.time.Duration.ofMillis(200), java.time.Duration.ofSeconds(5))
                    .atMost(8);
        }
        // a brief database outage is waited out: given up on, the event would go to the dead-letter
        // topic and a gate waiting for it (phase.extracted) would stall
        return Uni.createFrom().deferred(() -> repository.insertOnce(row, payload))
                .invoke(stored -> {
                    if (!stored) {
                        LOG.debugf("event %s redelivered; already recorded", event.id());
                    }
                })
                // reacted to on every delivery: the reactions are idempotent, and a crash after the
                // insert but before the reaction must not lose the reaction
                .chain(stored -> reactions.on(event))
                .onFailure().retry().withBackOff(java.time.Duration.ofMillis(200), java.time.Duration.ofSeconds(5))
                .atMost(8);
    }
}

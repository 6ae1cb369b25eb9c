package io.atomicmigrate.loader.messaging;

import io.atomicmigrate.common.events.EventEnvelope;
import io.atomicmigrate.loader.service.OwnerReconciler;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Publishes owners.unresolved whenever the set of owners a migration waits for changes. */
@ApplicationScoped
public class OwnersAnnouncer {

    private final OwnerReconciler owners;
    private final EventPublisher publisher;

    public OwnersAnnouncer(OwnerReconciler owners, EventPublisher publisher) {
        this.owners = owners;
        this.publisher = publisher;
    }

    void onStart(@Observes StartupEvent start) {
        owners.announceTo(u -> publisher.lifecycle(EventEnvelope.of(u.migrationId(), u.payload())));
    }
}

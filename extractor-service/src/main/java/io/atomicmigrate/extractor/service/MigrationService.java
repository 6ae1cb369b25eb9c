package io.atomicmigrate.extractor.service;

import io.atomicmigrate.common.events.EventEnvelope;
import io.atomicmigrate.common.events.payload.MigrationCreated;
import io.atomicmigrate.extractor.messaging.LifecycleEventPublisher;
import io.atomicmigrate.extractor.repository.MigrationRepository;
import io.atomicmigrate.extractor.rest.CreateMigrationRequest;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.UUID;

/** Registers migrations: stores them, then announces them on the lifecycle topic. */
@ApplicationScoped
public class MigrationService {

    private final MigrationRepository repository;
    private final LifecycleEventPublisher events;

    public MigrationService(MigrationRepository repository, LifecycleEventPublisher events) {
        this.repository = repository;
        this.events = events;
    }

    public Uni<Migration> create(CreateMigrationRequest request) {
        var src = request.source();
        var dst = request.destination();
        Migration draft = new Migration("mig-" + UUID.randomUUID(), request.name().strip(), src.host().strip(),
                src.portOrDefault(), src.database().strip(), src.user(), dst.companyDomain(), dst.baseUrl(), null);
        // Stored first, announced second: a consumer that sees the event can always find the row.
        return repository.insert(draft)
                .call(saved -> events.publish(EventEnvelope.of(saved.id(), new MigrationCreated(saved.name(),
                        new MigrationCreated.SourceRef(saved.sourceHost(), saved.sourcePort(), saved.sourceDatabase(),
                                saved.sourceUser(), false),
                        new MigrationCreated.DestinationRef(saved.destinationDomain(), saved.destinationBaseUrl()),
                        Map.of()))));
    }

    public Uni<Migration> find(String id) {
        return repository.find(id);
    }
}

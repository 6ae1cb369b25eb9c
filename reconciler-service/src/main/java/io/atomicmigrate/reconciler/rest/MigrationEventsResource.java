package io.atomicmigrate.reconciler.rest;

import io.atomicmigrate.reconciler.repository.LifecycleEventRepository;
import io.atomicmigrate.reconciler.service.LifecycleEvent;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** The lifecycle of one migration, as the reconciler saw it on the topic. */
@Path("/migrations/{migrationId}/events")
@Produces(MediaType.APPLICATION_JSON)
public class MigrationEventsResource {

    private final LifecycleEventRepository events;

    public MigrationEventsResource(LifecycleEventRepository events) {
        this.events = events;
    }

    @GET
    public Uni<List<LifecycleEvent>> list(@PathParam("migrationId") String migrationId) {
        return events.findByMigration(migrationId);
    }
}

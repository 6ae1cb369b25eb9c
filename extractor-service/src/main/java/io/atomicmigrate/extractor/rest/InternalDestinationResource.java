package io.atomicmigrate.extractor.rest;

import io.atomicmigrate.common.internal.DestinationAccess;
import io.atomicmigrate.extractor.service.InternalTokenGuard;
import io.atomicmigrate.extractor.service.MigrationService;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

/**
 * Service-to-service: the loader and the reconciler resolve a migration's Pipedrive account from
 * its id alone (DESIGN §8), since credentials never travel on a topic. The contract is
 * {@link DestinationAccess}; the public API never shows the token.
 */
@Path("/internal/migrations")
@Produces(MediaType.APPLICATION_JSON)
public class InternalDestinationResource {

    private final InternalTokenGuard guard;
    private final MigrationService migrations;

    public InternalDestinationResource(InternalTokenGuard guard, MigrationService migrations) {
        this.guard = guard;
        this.migrations = migrations;
    }

    /** 200 the account; 401 without the right bearer token (checked before the id is looked at); 404; 503. */
    @GET
    @Path("/{migrationId}/destination")
    public Uni<DestinationAccess> destination(@PathParam("migrationId") String migrationId,
                                              @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        guard.require(authorization);
        return migrations.destination(migrationId).map(d -> new DestinationAccess(migrationId, d.baseUrl(),
                d.apiToken() == null ? null : d.apiToken().reveal()));
    }
}

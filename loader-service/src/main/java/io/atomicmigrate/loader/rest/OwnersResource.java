package io.atomicmigrate.loader.rest;

import io.atomicmigrate.common.events.payload.OwnersUnresolved;
import io.atomicmigrate.common.map.OwnerPolicy;
import io.atomicmigrate.loader.repository.OwnerRepository;
import io.atomicmigrate.loader.service.DestinationConfig;
import io.atomicmigrate.loader.service.DestinationDirectory;
import io.atomicmigrate.loader.service.OwnerReconciler;
import io.smallrye.common.annotation.Blocking;
import jakarta.validation.constraints.NotBlank;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * Owner reconciliation over REST: who is resolved to which Pipedrive user, who blocks the run; a
 * re-check after seats were provisioned; a fallback user for an owner who will not get a seat.
 */
@Path("/api/migrations/{migrationId}/owners")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class OwnersResource {

    private final OwnerReconciler owners;
    private final DestinationDirectory destinations;

    public OwnersResource(OwnerReconciler owners, DestinationDirectory destinations) {
        this.owners = owners;
        this.destinations = destinations;
    }

    /** Every known owner and the unresolved ones (with the number of records waiting for each). */
    public record OwnersView(List<OwnerRepository.Owner> owners, List<OwnersUnresolved.Owner> unresolved) {
    }

    public record FallbackRequest(@NotBlank(message = "userEmail is required: the Pipedrive user who takes these records")
                                  String userEmail) {
    }

    @GET
    public OwnersView list(@PathParam("migrationId") String migrationId) {
        return new OwnersView(owners.owners(migrationId), owners.unresolved(migrationId));
    }

    @POST
    @Path("/recheck")
    public OwnersView recheck(@PathParam("migrationId") String migrationId) {
        owners.recheck(migrationId, policy(migrationId));
        return list(migrationId);
    }

    @PUT
    @Path("/{salesId}")
    @Consumes(MediaType.APPLICATION_JSON)
    public OwnerRepository.Owner fallback(@PathParam("migrationId") String migrationId,
                                          @PathParam("salesId") String salesId, FallbackRequest request) {
        if (request == null || request.userEmail() == null || request.userEmail().isBlank()) {
            throw new BadRequestException("a body {\"userEmail\": \"...\"} naming an active Pipedrive user is required");
        }
        try {
            return owners.assignFallback(migrationId, salesId, request.userEmail());
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
    }

    private OwnerPolicy policy(String migrationId) {
        return destinations.of(migrationId).map(DestinationConfig::map).map(m -> m.owners()).orElse(null);
    }
}

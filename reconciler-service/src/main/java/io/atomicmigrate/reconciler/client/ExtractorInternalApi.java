package io.atomicmigrate.reconciler.client;

import io.atomicmigrate.common.internal.DestinationAccess;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.annotation.ClientHeaderParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The extractor's service-to-service endpoint for a migration's Pipedrive account (contract:
 * {@link DestinationAccess}: 200, 401 without the right bearer token, 404 for an unknown migration,
 * 503 when the endpoint is off). The bearer token is added by {@link InternalToken} and never passes
 * through a method parameter, so it cannot end up in an exception message.
 */
@RegisterRestClient(configKey = "extractor")
@Path("/internal/migrations/{migrationId}/destination")
@Produces(MediaType.APPLICATION_JSON)
@ClientHeaderParam(name = "Authorization", value = "{io.atomicmigrate.reconciler.client.InternalToken.bearer}")
public interface ExtractorInternalApi {

    @GET
    Uni<DestinationAccess> destination(@PathParam("migrationId") String migrationId);
}

package io.atomicmigrate.loader.client;

import io.atomicmigrate.common.internal.DestinationAccess;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.annotation.ClientHeaderParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The extractor's service-to-service endpoint for a migration's Pipedrive account (contract:
 * {@link DestinationAccess}). The bearer token is added by {@link InternalToken} on every request and
 * never passes through a method parameter, so it cannot end up in an exception message.
 */
@RegisterRestClient(configKey = "extractor")
@Path("/internal/migrations/{migrationId}/destination")
@Produces(MediaType.APPLICATION_JSON)
@ClientHeaderParam(name = "Authorization", value = "{io.atomicmigrate.loader.client.InternalToken.bearer}")
public interface ExtractorApi {

    @GET
    DestinationAccess destination(@PathParam("migrationId") String migrationId);
}

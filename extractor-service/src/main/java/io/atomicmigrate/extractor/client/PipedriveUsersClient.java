package io.atomicmigrate.extractor.client;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * The one Pipedrive call the extractor makes: who owns this API token (2 tokens per call,
 * PIPEDRIVE.md §2.3). Built per migration by {@link PipedriveTokenCheck}, since every customer
 * has their own base URL.
 */
@Path("/api/v1/users/me")
public interface PipedriveUsersClient {

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    JsonNode me(@HeaderParam("x-api-token") String apiToken);
}

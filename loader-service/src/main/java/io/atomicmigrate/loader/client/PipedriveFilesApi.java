package io.atomicmigrate.loader.client;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.client.api.ClientMultipartForm;

/**
 * Pipedrive API v1 Files (no v2 exists, PIPEDRIVE.md §3.13). A client of its own because an upload
 * may take far longer than any other call: it is built with {@code loader.client.upload-timeout}
 * instead of the read timeout. Used through {@link PipedriveFiles}.
 */
@Path("/api/v1/files")
@Produces(MediaType.APPLICATION_JSON)
public interface PipedriveFilesApi {

    /**
     * {@code POST /v1/files}: one file per call, {@code multipart/form-data} with the part {@code file}
     * and the parent ids ({@code deal_id}, {@code person_id}, {@code org_id}, {@code activity_id},
     * {@code lead_id}) as attributes.
     */
    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    JsonNode add(ClientMultipartForm form);

    /** v1 offset pagination; {@code limit} at most 100 for files. */
    @GET
    JsonNode list(@QueryParam("start") Integer start, @QueryParam("limit") Integer limit, @QueryParam("sort") String sort);

    /** Marks the file deleted (purged after 30 days); answers {@code {"data": {"id": ...}}}. */
    @DELETE
    @Path("/{id}")
    JsonNode delete(@PathParam("id") long id);
}

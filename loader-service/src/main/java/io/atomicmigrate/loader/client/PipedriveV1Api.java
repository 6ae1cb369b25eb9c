package io.atomicmigrate.loader.client;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * Pipedrive API v1 for what has no v2 write endpoint (PIPEDRIVE.md §1.1): notes, users, activity
 * types, leads, lead labels, deal participants (files: {@link PipedriveFilesApi}). v1 lists page by
 * {@code start}/{@code limit}; users, activity types and lead labels are not paginated.
 */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface PipedriveV1Api {

    @GET
    @Path("/users")
    JsonNode users();

    @GET
    @Path("/users/me")
    JsonNode me();

    @GET
    @Path("/activityTypes")
    JsonNode activityTypes();

    @POST
    @Path("/activityTypes")
    JsonNode addActivityType(JsonNode body);

    @GET
    @Path("/leadLabels")
    JsonNode leadLabels();

    @POST
    @Path("/leadLabels")
    JsonNode addLeadLabel(JsonNode body);

    @GET
    @Path("/notes")
    JsonNode notes(@QueryParam("start") Integer start, @QueryParam("limit") Integer limit,
                   @QueryParam("person_id") Long personId, @QueryParam("deal_id") Long dealId,
                   @QueryParam("org_id") Long orgId, @QueryParam("updated_since") String updatedSince);

    @POST
    @Path("/notes")
    JsonNode addNote(JsonNode body);

    @PUT
    @Path("/notes/{id}")
    JsonNode updateNote(@PathParam("id") long id, JsonNode body);

    @DELETE
    @Path("/notes/{id}")
    JsonNode deleteNote(@PathParam("id") long id);

    @GET
    @Path("/leads")
    JsonNode leads(@QueryParam("start") Integer start, @QueryParam("limit") Integer limit,
                   @QueryParam("person_id") Long personId, @QueryParam("updated_since") String updatedSince);

    @POST
    @Path("/leads")
    JsonNode addLead(JsonNode body);

    /** Leads have UUID ids. */
    @PATCH
    @Path("/leads/{id}")
    JsonNode updateLead(@PathParam("id") String id, JsonNode body);

    @DELETE
    @Path("/leads/{id}")
    JsonNode deleteLead(@PathParam("id") String id);

    @POST
    @Path("/deals/{id}/participants")
    JsonNode addDealParticipant(@PathParam("id") long dealId, JsonNode body);
}

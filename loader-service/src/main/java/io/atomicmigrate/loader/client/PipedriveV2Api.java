package io.atomicmigrate.loader.client;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * Pipedrive API v2: persons, organizations, deals, activities, pipelines, stages and the person/
 * organization/deal field definitions (PIPEDRIVE.md §1.1). Responses are the raw envelopes
 * ({@code success}, {@code data}, {@code additional_data.next_cursor}); {@link Envelopes} reads them.
 * Built per account by {@link PipedriveClientFactory}: base URL and token differ per customer.
 */
@Path("/api/v2")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface PipedriveV2Api {

    /** {@code entity}: persons, organizations or deals (the three share parameters and costs). */
    @GET
    @Path("/{entity}")
    JsonNode list(@PathParam("entity") String entity, @QueryParam("cursor") String cursor,
                  @QueryParam("limit") Integer limit, @QueryParam("updated_since") String updatedSince,
                  @QueryParam("custom_fields") String customFields, @QueryParam("sort_by") String sortBy,
                  @QueryParam("sort_direction") String sortDirection);

    @GET
    @Path("/{entity}/{id}")
    JsonNode get(@PathParam("entity") String entity, @PathParam("id") long id);

    @POST
    @Path("/{entity}")
    JsonNode create(@PathParam("entity") String entity, JsonNode body);

    @PATCH
    @Path("/{entity}/{id}")
    JsonNode update(@PathParam("entity") String entity, @PathParam("id") long id, JsonNode body);

    /**
     * {@code entity}: persons, organizations, deals or activities. A soft delete (purged after 30
     * days); answers {@code {"data": {"id": ...}}}.
     */
    @DELETE
    @Path("/{entity}/{id}")
    JsonNode delete(@PathParam("entity") String entity, @PathParam("id") long id);

    @GET
    @Path("/activities")
    JsonNode listActivities(@QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit,
                            @QueryParam("updated_since") String updatedSince, @QueryParam("person_id") Long personId,
                            @QueryParam("deal_id") Long dealId, @QueryParam("org_id") Long orgId);

    @POST
    @Path("/activities")
    JsonNode addActivity(JsonNode body);

    @GET
    @Path("/pipelines")
    JsonNode listPipelines(@QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit);

    @POST
    @Path("/pipelines")
    JsonNode addPipeline(JsonNode body);

    @GET
    @Path("/stages")
    JsonNode listStages(@QueryParam("pipeline_id") Long pipelineId, @QueryParam("cursor") String cursor,
                        @QueryParam("limit") Integer limit);

    @POST
    @Path("/stages")
    JsonNode addStage(JsonNode body);

    /** {@code fields}: personFields, organizationFields or dealFields. */
    @GET
    @Path("/{fields}")
    JsonNode listFields(@PathParam("fields") String fields, @QueryParam("cursor") String cursor,
                        @QueryParam("limit") Integer limit);

    @POST
    @Path("/{fields}")
    JsonNode addField(@PathParam("fields") String fields, JsonNode body);

    /** Body {@code [{"label": ...}]}; answers with the new options only. */
    @POST
    @Path("/{fields}/{fieldCode}/options")
    JsonNode addFieldOptions(@PathParam("fields") String fields, @PathParam("fieldCode") String fieldCode, JsonNode body);
}

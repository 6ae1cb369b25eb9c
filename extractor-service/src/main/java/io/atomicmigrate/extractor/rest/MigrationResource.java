package io.atomicmigrate.extractor.rest;

import io.atomicmigrate.extractor.service.Migration;
import io.atomicmigrate.extractor.service.MigrationService;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/** Creating and reading migrations. */
@Path("/migrations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class MigrationResource {

    private final MigrationService migrations;

    public MigrationResource(MigrationService migrations) {
        this.migrations = migrations;
    }

    @POST
    public Uni<Response> create(@NotNull(message = "a JSON body is required") @Valid CreateMigrationRequest request) {
        return migrations.create(request)
                .map(m -> Response.created(URI.create("/migrations/" + m.id())).entity(m).build());
    }

    @GET
    @Path("/{id}")
    public Uni<Response> get(@PathParam("id") String id) {
        return migrations.find(id).map(m -> m == null
                ? Response.status(Response.Status.NOT_FOUND).entity(new ErrorBody("no migration " + id)).build()
                : Response.ok(m).build());
    }

    /** An error a client can read. */
    public record ErrorBody(String error) {
    }
}

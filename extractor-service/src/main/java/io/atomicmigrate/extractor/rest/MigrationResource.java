package io.atomicmigrate.extractor.rest;

import io.atomicmigrate.extractor.service.MigrationService;
import io.atomicmigrate.extractor.service.discovery.DiscoveryReport;
import io.atomicmigrate.extractor.service.discovery.DiscoveryService;
import io.atomicmigrate.extractor.service.scoping.ScopingEstimator;
import io.atomicmigrate.extractor.service.scoping.ScopingReport;
import io.atomicmigrate.extractor.service.scoping.ScopingReportRenderer;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/** Creating migrations, checking their connections, discovery and the scoping report. */
@Path("/migrations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class MigrationResource {

    private final MigrationService migrations;
    private final DiscoveryService discovery;
    private final ScopingEstimator scoping;

    public MigrationResource(MigrationService migrations, DiscoveryService discovery, ScopingEstimator scoping) {
        this.migrations = migrations;
        this.discovery = discovery;
        this.scoping = scoping;
    }

    @POST
    public Uni<Response> create(@NotNull(message = "a JSON body is required") @Valid CreateMigrationRequest request) {
        return migrations.create(request)
                .map(m -> Response.created(URI.create("/migrations/" + m.id())).entity(m).build());
    }

    @GET
    @Path("/{id}")
    public Uni<Response> get(@PathParam("id") String id) {
        return migrations.require(id).map(m -> Response.ok(m).build());
    }

    /** Runs the connection checks: 200 with the report when all pass, 422 with the first problem's code otherwise. */
    @POST
    @Path("/{id}/checks")
    @Consumes(MediaType.WILDCARD)
    public Uni<Response> check(@PathParam("id") String id) {
        return migrations.check(id).map(report -> Response.status(report.ok() ? 200 : 422).entity(report).build());
    }

    /** Uploads (or replaces) the customer's App.tsx, one configuration source. */
    @PUT
    @Path("/{id}/app-tsx")
    @Consumes({MediaType.TEXT_PLAIN, "text/typescript", "application/typescript", MediaType.APPLICATION_OCTET_STREAM})
    public Uni<Response> uploadAppTsx(@PathParam("id") String id, String body) {
        return migrations.uploadAppTsx(id, body).map(v -> Response.noContent().build());
    }

    /** Discovers the source now: checks first (422 with a specific code), then the full audit. */
    @POST
    @Path("/{id}/discovery")
    @Consumes(MediaType.WILDCARD)
    public Uni<DiscoveryReport> discover(@PathParam("id") String id) {
        return discovery.discover(id);
    }

    @GET
    @Path("/{id}/discovery")
    public Uni<DiscoveryReport> latestDiscovery(@PathParam("id") String id) {
        return discovery.latest(id);
    }

    @GET
    @Path("/{id}/scoping")
    public Uni<ScopingReport> scoping(@PathParam("id") String id, @QueryParam("seats") @DefaultValue("1")
            @Min(value = 1, message = "seats must be between 1 and 10000")
            @Max(value = 10_000, message = "seats must be between 1 and 10000") int seats) {
        return discovery.latest(id).map(d -> scoping.estimate(d, seats));
    }

    @GET
    @Path("/{id}/scoping")
    @Produces(MediaType.TEXT_PLAIN)
    public Uni<String> scopingText(@PathParam("id") String id, @QueryParam("seats") @DefaultValue("1")
            @Min(value = 1, message = "seats must be between 1 and 10000")
            @Max(value = 10_000, message = "seats must be between 1 and 10000") int seats) {
        return discovery.latest(id).map(d -> ScopingReportRenderer.text(scoping.estimate(d, seats)));
    }

    @GET
    @Path("/{id}/scoping")
    @Produces(MediaType.TEXT_HTML)
    public Uni<String> scopingHtml(@PathParam("id") String id, @QueryParam("seats") @DefaultValue("1")
            @Min(value = 1, message = "seats must be between 1 and 10000")
            @Max(value = 10_000, message = "seats must be between 1 and 10000") int seats) {
        return discovery.latest(id).map(d -> ScopingReportRenderer.html(scoping.estimate(d, seats)));
    }

    /** An error a client can read: a stable code and a message. */
    public record ErrorBody(String code, String error) {
    }
}

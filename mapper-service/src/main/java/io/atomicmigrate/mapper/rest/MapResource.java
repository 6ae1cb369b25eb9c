package io.atomicmigrate.mapper.rest;

import io.atomicmigrate.common.map.FieldLine;
import io.atomicmigrate.common.map.MigrationMap;
import io.atomicmigrate.mapper.repository.MigrationFactsRepository;
import io.atomicmigrate.mapper.service.proposal.ColumnProfile;
import io.atomicmigrate.mapper.service.review.MapDiff;
import io.atomicmigrate.mapper.service.review.MapReviewService;
import io.atomicmigrate.mapper.service.review.MapVersion;
import io.atomicmigrate.mapper.service.review.ValidationIssue;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The map of one migration over REST: the current proposal, versions, edits, validation, diffs
 * and approval. Every edit is saved as a new version; approval records who and when.
 */
@Path("/api/migrations/{migrationId}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class MapResource {

    private final MapReviewService review;
    private final MigrationFactsRepository facts;

    public MapResource(MapReviewService review, MigrationFactsRepository facts) {
        this.review = review;
        this.facts = facts;
    }

    /** A version's summary and document. */
    public record VersionView(String migrationId, int version, String hash, String proposedBy, Instant createdAt,
                              boolean approved, String approvedBy, Instant approvedAt, MigrationMap document) {
        static VersionView of(MapVersion v, boolean withDocument) {
            return new VersionView(v.migrationId(), v.version(), v.hash(), v.proposedBy(), v.createdAt(), v.approved(),
                    v.approvedBy(), v.approvedAt(), withDocument ? v.document() : null);
        }
    }

    /** What the review page needs: the version, its validation, and the source facts per column. */
    public record ReviewView(VersionView map, List<ValidationIssue> issues, Map<String, ColumnProfile> profiles,
                             Map<String, Map<String, Long>> distinctValues, Map<String, Long> rowCounts) {
    }

    public record SaveRequest(@NotNull(message = "document is required") @Valid MigrationMap document,
                              @NotBlank(message = "editedBy is required: every version records who made it") String editedBy) {
    }

    public record LineEditRequest(@NotNull(message = "line is required") FieldLine line,
                                  @NotBlank(message = "editedBy is required: every version records who made it") String editedBy) {
    }

    public record ApproveRequest(@NotBlank(message = "approvedBy is required: an approval records who gave it") String approvedBy,
                                 String expectedHash) {
    }

    public record SavedView(VersionView map, List<ValidationIssue> issues) {
    }

    @GET
    @Path("/map")
    public Uni<ReviewView> current(@QueryParam("version") Integer version) {
        return review.review(migrationIdFrom(), version).map(r -> new ReviewView(VersionView.of(r.version(), true),
                r.issues(), r.profiles(), r.distinctValues(), r.rowCounts()));
    }

    @GET
    @Path("/map/versions")
    public Uni<List<VersionView>> versions() {
        return review.versions(migrationIdFrom()).map(list -> list.stream().map(v -> VersionView.of(v, false)).toList());
    }

    @GET
    @Path("/map/versions/{version}")
    public Uni<VersionView> version(@PathParam("version") @Min(value = 1, message = "versions start at 1") int version) {
        return review.versionOr404(migrationIdFrom(), version).map(v -> VersionView.of(v, true));
    }

    @POST
    @Path("/map/versions")
    public Uni<Response> save(@Valid @NotNull(message = "a body with document and editedBy is required") SaveRequest request) {
        String id = migrationIdFrom();
        return review.save(id, request.document(), request.editedBy())
                .chain(v -> review.validate(id, v.document()).map(issues ->
                        Response.status(201).entity(new SavedView(VersionView.of(v, true), issues)).build()));
    }

    @PUT
    @Path("/map/lines/{lineId}")
    public Uni<Response> editLine(@PathParam("lineId") String lineId,
                                  @Valid @NotNull(message = "a body with line and editedBy is required") LineEditRequest request) {
        String id = migrationIdFrom();
        return review.editLine(id, lineId, request.line(), request.editedBy())
                .chain(v -> review.validate(id, v.document()).map(issues ->
                        Response.status(201).entity(new SavedView(VersionView.of(v, true), issues)).build()));
    }

    @POST
    @Path("/map/validation")
    public Uni<List<ValidationIssue>> validate(@NotNull(message = "a map document is required") MigrationMap document) {
        return review.validate(migrationIdFrom(), document);
    }

    @GET
    @Path("/map/versions/{version}/validation")
    public Uni<List<ValidationIssue>> validateVersion(@PathParam("version") int version) {
        String id = migrationIdFrom();
        return review.versionOr404(id, version).chain(v -> review.validate(id, v.document()));
    }

    @GET
    @Path("/map/diff")
    public Uni<List<MapDiff.Change>> diff(@QueryParam("from") Integer from, @QueryParam("to") Integer to) {
        if (from == null || to == null) {
            throw new BadRequestException("both 'from' and 'to' version numbers are required, e.g. ?from=1&to=2");
        }
        return review.diff(migrationIdFrom(), from, to);
    }

    @POST
    @Path("/map/versions/{version}/approval")
    public Uni<VersionView> approve(@PathParam("version") int version,
                                    @Valid @NotNull(message = "a body with approvedBy is required") ApproveRequest request) {
        return review.approve(migrationIdFrom(), version, request.approvedBy(), request.expectedHash())
                .map(v -> VersionView.of(v, false));
    }

    @POST
    @Path("/map/proposal")
    public Uni<Response> proposeAgain() {
        return review.proposeAgain(migrationIdFrom())
                .map(v -> Response.status(201).entity(VersionView.of(v, false)).build());
    }

    @GET
    @Path("/profiles")
    public Uni<List<ColumnProfile>> profiles() {
        return facts.profiles(migrationIdFrom()).map(m -> List.copyOf(m.values()));
    }

    @PUT
    @Path("/profiles")
    public Uni<Response> saveProfiles(@NotNull(message = "a JSON array of column profiles is required")
                                      List<@Valid @NotNull ColumnProfile> profiles) {
        for (ColumnProfile p : profiles) {
            if (p.table() == null || p.column() == null || p.nonNull() < 0 || p.rows() < p.nonNull()) {
                throw new BadRequestException("profile " + p.table() + "." + p.column()
                        + " needs table, column and 0 <= nonNull <= rows");
            }
        }
        return facts.saveProfiles(migrationIdFrom(), profiles).replaceWith(Response.noContent().build());
    }

    @jakarta.ws.rs.core.Context
    jakarta.ws.rs.core.UriInfo uriInfo;

    private String migrationIdFrom() {
        String id = uriInfo.getPathParameters().getFirst("migrationId");
        if (id == null || id.isBlank() || id.length() > 200) {
            throw new BadRequestException("migrationId must be 1 to 200 characters");
        }
        return id;
    }
}

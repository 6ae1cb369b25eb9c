package io.atomicmigrate.loader.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.atomicmigrate.common.map.MigrationMap;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The mapper's map API: the loader fetches the approved version named by map.approved. */
@RegisterRestClient(configKey = "mapper")
@Path("/api/migrations/{migrationId}/map")
@Produces(MediaType.APPLICATION_JSON)
public interface MapperApi {

    @GET
    @Path("/versions/{version}")
    MapVersion version(@PathParam("migrationId") String migrationId, @PathParam("version") int version);

    /** The mapper's VersionView, the fields the loader reads. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record MapVersion(String migrationId, int version, String hash, boolean approved, String approvedBy,
                      Instant approvedAt, MigrationMap document) {
    }
}

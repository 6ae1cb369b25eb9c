package io.atomicmigrate.loader.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.atomicmigrate.loader.repository.DestinationLedger;
import io.atomicmigrate.loader.repository.IdLedger;
import io.atomicmigrate.loader.repository.LedgerEntry;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What the loader did for a migration: its destination configuration and its id ledger. */
@Path("/api/migrations/{migrationId}")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class DestinationResource {

    private final DestinationLedger destinations;
    private final IdLedger ledger;

    public DestinationResource(DestinationLedger destinations, IdLedger ledger) {
        this.destinations = destinations;
        this.ledger = ledger;
    }

    public record DestinationView(long accountId, int mapVersion, String mapHash, JsonNode ready,
                                  List<DestinationLedger.DestinationObject> objects) {
    }

    @GET
    @Path("/destination")
    public DestinationView destination(@PathParam("migrationId") String migrationId) {
        DestinationLedger.Destination d = destinations.destination(migrationId).orElseThrow(() ->
                new NotFoundException("migration " + migrationId + " has no destination yet (no approved map processed)"));
        return new DestinationView(d.accountId(), d.mapVersion(), d.mapHash(), d.ready(), destinations.objects(migrationId));
    }

    /** Counts per object and state, and the entries (before-images included) for verification and rollback. */
    public record LedgerView(Map<String, Map<String, Integer>> counts, List<LedgerEntry> entries) {
    }

    @GET
    @Path("/ledger")
    public LedgerView ledger(@PathParam("migrationId") String migrationId) {
        List<LedgerEntry> entries = ledger.all(migrationId);
        Map<String, Map<String, Integer>> counts = new TreeMap<>();
        for (LedgerEntry e : entries) {
            counts.computeIfAbsent(e.object(), k -> new TreeMap<>()).merge(e.state(), 1, Integer::sum);
        }
        return new LedgerView(counts, entries);
    }
}

package io.atomicmigrate.mapper.messaging;

import io.atomicmigrate.mapper.repository.MapVersionRepository;
import io.atomicmigrate.mapper.repository.RunRepository;
import io.atomicmigrate.mapper.service.review.MapVersion;
import io.atomicmigrate.mapper.service.transform.MapLookups;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The approved map a record is transformed with: the version its run was started with, else the
 * latest approved one. Approved versions never change, so they are cached for good; the cache
 * holds no state that another replica could disagree with.
 */
@ApplicationScoped
public class ApprovedMaps {

    /** The map a row gets, or why it gets none. */
    public record Resolved(int version, MapLookups lookups, String problemCode, String problem) {
    }

    private final MapVersionRepository versions;
    private final RunRepository runs;
    private final Map<String, MapLookups> approved = new ConcurrentHashMap<>();
    private final Map<String, Integer> runVersions = new ConcurrentHashMap<>();

    public ApprovedMaps(MapVersionRepository versions, RunRepository runs) {
        this.versions = versions;
        this.runs = runs;
    }

    public Uni<Resolved> forRecord(String migrationId, String runId) {
        if (runId == null) {
            return versions.latestApproved(migrationId).map(this::resolved);
        }
        Integer known = runVersions.get(migrationId + "/" + runId);
        Uni<Integer> version = known != null ? Uni.createFrom().item(known) : runs.mapVersion(migrationId, runId)
                .invoke(v -> {
                    if (v != null) {
                        runVersions.put(migrationId + "/" + runId, v);
                    }
                });
        return version.chain(v -> {
            if (v == null) {
                return versions.latestApproved(migrationId).map(this::resolved);
            }
            MapLookups cached = approved.get(migrationId + "/" + v);
            if (cached != null) {
                return Uni.createFrom().item(new Resolved(v, cached, null, null));
            }
            return versions.find(migrationId, v).map(mv -> {
                if (mv == null || !mv.approved()) {
                    return new Resolved(v, null, "MAP_NOT_APPROVED", "run " + runId + " uses map version " + v
                            + ", which is not approved");
                }
                return resolved(mv);
            });
        });
    }

    private Resolved resolved(MapVersion mv) {
        if (mv == null) {
            return new Resolved(0, null, "NO_APPROVED_MAP", "no map version is approved for this migration;"
                    + " approve one before records move");
        }
        MapLookups lookups = approved.computeIfAbsent(mv.migrationId() + "/" + mv.version(), k -> new MapLookups(mv.document()));
        return new Resolved(mv.version(), lookups, null, null);
    }
}

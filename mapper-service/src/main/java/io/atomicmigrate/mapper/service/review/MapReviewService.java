package io.atomicmigrate.mapper.service.review;

import io.atomicmigrate.common.events.EventEnvelope;
import io.atomicmigrate.common.events.payload.MapApproved;
import io.atomicmigrate.common.events.payload.MapProposed;
import io.atomicmigrate.common.events.payload.MigrationDiscovered;
import io.atomicmigrate.common.map.FieldLine;
import io.atomicmigrate.common.map.MigrationMap;
import io.atomicmigrate.common.map.ObjectMapping;
import io.atomicmigrate.mapper.config.MapperConfig;
import io.atomicmigrate.mapper.messaging.MapEventPublisher;
import io.atomicmigrate.mapper.repository.MapVersionRepository;
import io.atomicmigrate.mapper.repository.MigrationFactsRepository;
import io.atomicmigrate.mapper.service.proposal.ColumnProfile;
import io.atomicmigrate.mapper.service.proposal.MapProposer;
import io.atomicmigrate.mapper.service.proposal.LlmMapAdvisor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The map's life: proposed (from discovery, or again on request), edited into new versions,
 * validated, compared, approved. Versions are never changed in place: an edit after approval is
 * a new version that needs its own approval.
 */
@ApplicationScoped
public class MapReviewService {

    private static final Logger LOG = Logger.getLogger(MapReviewService.class);

    private final MapVersionRepository versions;
    private final MigrationFactsRepository facts;
    private final MapEventPublisher events;
    private final MapperConfig config;
    private final LlmMapAdvisor llm;
    private final MapProposer proposer = new MapProposer();
    private final MapValidator validator = new MapValidator();
    private final MapDiff differ = new MapDiff();

    public MapReviewService(MapVersionRepository versions, MigrationFactsRepository facts, MapEventPublisher events,
                            MapperConfig config, LlmMapAdvisor llm) {
        this.versions = versions;
        this.facts = facts;
        this.events = events;
        this.config = config;
        this.llm = llm;
    }

    /** A version, its validation and what is known of the source columns: what the review page shows. */
    public record Review(MapVersion version, List<ValidationIssue> issues, Map<String, ColumnProfile> profiles,
                         Map<String, Map<String, Long>> distinctValues, Map<String, Long> rowCounts) {
    }

    /**
     * Answers migration.discovered: stores the report and proposes version 1 (or the next one on a
     * re-discovery). Idempotent: the proposal remembers the event id, a redelivery finds it and does nothing.
     */
    public Uni<MapVersion> onDiscovered(String migrationId, UUID eventId, MigrationDiscovered discovered) {
        return facts.saveDiscovery(migrationId, eventId, discovered)
                .chain(() -> facts.profiles(migrationId))
                .chain(profiles -> propose(migrationId, discovered, profiles))
                .chain(map -> store(map, llm.enabled() ? "engine+llm" : "engine", eventId));
    }

    /** Proposes again from the stored discovery and profiles (e.g. after profiles were given). */
    public Uni<MapVersion> proposeAgain(String migrationId) {
        return facts.discovery(migrationId).chain(discovered -> {
            if (discovered == null) {
                return Uni.createFrom().failure(new MapReviewException(404, "NOT_DISCOVERED",
                        "migration '" + migrationId + "' has not been discovered yet; there is nothing to propose from"));
            }
            return facts.profiles(migrationId).chain(profiles -> propose(migrationId, discovered, profiles))
                    .chain(map -> store(map, llm.enabled() ? "engine+llm" : "engine", null));
        });
    }

    private Uni<MigrationMap> propose(String migrationId, MigrationDiscovered discovered, Map<String, ColumnProfile> profiles) {
        MigrationMap map = proposer.propose(migrationId, discovered, profiles);
        return llm.enabled() ? llm.refine(map, discovered, profiles) : Uni.createFrom().item(map);
    }

    /** Saves an edited document as the next version. */
    public Uni<MapVersion> save(String migrationId, MigrationMap document, String editedBy) {
        requireBy(editedBy, "editedBy");
        if (document == null) {
            return Uni.createFrom().failure(new MapReviewException(400, "MISSING_DOCUMENT", "the body holds no map document"));
        }
        if (document.migrationId() != null && !document.migrationId().equals(migrationId)) {
            return Uni.createFrom().failure(new MapReviewException(400, "MIGRATION_MISMATCH", "the document belongs to"
                    + " migration '" + document.migrationId() + "', not '" + migrationId + "'"));
        }
        return store(document.withMigrationId(migrationId), editedBy, null);
    }

    /** Replaces one line of the latest version and saves the result as the next version. */
    public Uni<MapVersion> editLine(String migrationId, String lineId, FieldLine line, String editedBy) {
        requireBy(editedBy, "editedBy");
        if (line == null) {
            return Uni.createFrom().failure(new MapReviewException(400, "MISSING_LINE", "the body holds no line"));
        }
        if (line.id() != null && !line.id().equals(lineId)) {
            return Uni.createFrom().failure(new MapReviewException(400, "LINE_ID_MISMATCH", "the line's id '" + line.id()
                    + "' differs from '" + lineId + "' in the path"));
        }
        return latestOr404(migrationId).chain(latest -> {
            boolean[] found = {false};
            List<ObjectMapping> objects = new ArrayList<>();
            for (ObjectMapping o : latest.document().objects()) {
                List<FieldLine> lines = new ArrayList<>();
                for (FieldLine l : o.fields()) {
                    if (l.id().equals(lineId)) {
                        found[0] = true;
                        lines.add(new FieldLine(lineId, line.sources(), line.target(), line.transform(), line.required(),
                                line.confidence(), line.reason(), "user"));
                    } else {
                        lines.add(l);
                    }
                }
                objects.add(new ObjectMapping(o.source(), o.destination(), o.rule(), lines));
            }
            if (!found[0]) {
                return Uni.createFrom().failure(new MapReviewException(404, "UNKNOWN_LINE", "version " + latest.version()
                        + " has no line '" + lineId + "'"));
            }
            return store(latest.document().withObjects(objects), editedBy, null);
        });
    }

    private Uni<MapVersion> store(MigrationMap map, String by, UUID sourceEventId) {
        String hash = MapHash.of(map);
        return versions.append(map, hash, by, sourceEventId).chain(stored -> {
            if (stored == null) {
                LOG.debugf("migration %s: discovery event %s already has its proposal", map.migrationId(), sourceEventId);
                return Uni.createFrom().nullItem();
            }
            int low = (int) stored.document().allLines().stream()
                    .filter(l -> l.confidence() < config.review().lowConfidence()).count();
            return events.publish(EventEnvelope.of(map.migrationId(), new MapProposed(stored.version(),
                    stored.document().allLines().size(), low, by))).replaceWith(stored);
        });
    }

    public Uni<MapVersion> latestOr404(String migrationId) {
        return versions.latest(migrationId).onItem().ifNull().failWith(() -> new MapReviewException(404, "NO_MAP",
                "migration '" + migrationId + "' has no map yet; it is proposed when discovery completes"));
    }

    public Uni<MapVersion> versionOr404(String migrationId, int version) {
        return versions.find(migrationId, version).onItem().ifNull().failWith(() -> new MapReviewException(404,
                "UNKNOWN_VERSION", "migration '" + migrationId + "' has no map version " + version));
    }

    public Uni<List<MapVersion>> versions(String migrationId) {
        return versions.all(migrationId);
    }

    public Uni<Review> review(String migrationId, Integer version) {
        Uni<MapVersion> v = version == null ? latestOr404(migrationId) : versionOr404(migrationId, version);
        return v.chain(mv -> sourceFacts(migrationId).chain(sf -> facts.discovery(migrationId).map(d ->
                new Review(mv, validator.validate(mv.document(), sf), sf.profiles(),
                        d == null || d.distinctValues() == null ? Map.of() : d.distinctValues(),
                        d == null || d.rowCounts() == null ? Map.of() : d.rowCounts()))));
    }

    public Uni<List<ValidationIssue>> validate(String migrationId, MigrationMap document) {
        if (document == null) {
            return Uni.createFrom().failure(new MapReviewException(400, "MISSING_DOCUMENT", "the body holds no map document"));
        }
        return sourceFacts(migrationId).map(sf -> validator.validate(document.withMigrationId(migrationId), sf));
    }

    public Uni<List<MapDiff.Change>> diff(String migrationId, int from, int to) {
        return versionOr404(migrationId, from).chain(a -> versionOr404(migrationId, to)
                .map(b -> differ.diff(a.document(), b.document())));
    }

    /**
     * Approves a version: refused while it has validation errors, or when {@code expectedHash} (what the
     * reviewer looked at) is not the stored document. Approving an approved version changes nothing.
     */
    public Uni<MapVersion> approve(String migrationId, int version, String approvedBy, String expectedHash) {
        requireBy(approvedBy, "approvedBy");
        return versionOr404(migrationId, version).chain(v -> {
            if (v.approved()) {
                return Uni.createFrom().item(v);
            }
            if (expectedHash != null && !expectedHash.equals(v.hash())) {
                return Uni.createFrom().failure(new MapReviewException(409, "HASH_MISMATCH", "version " + version
                        + " has hash " + v.hash() + ", not the " + expectedHash + " that was reviewed"));
            }
            return sourceFacts(migrationId).chain(sf -> {
                List<ValidationIssue> errors = validator.validate(v.document(), sf).stream()
                        .filter(i -> i.severity() == ValidationIssue.Severity.ERROR).toList();
                if (!errors.isEmpty()) {
                    return Uni.createFrom().failure(new MapReviewException(409, "MAP_INVALID", "version " + version
                            + " has " + errors.size() + " validation error(s); fix them in a new version first", errors));
                }
                Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
                return versions.approve(migrationId, version, approvedBy, at).chain(first -> first
                        ? events.publish(EventEnvelope.of(migrationId, new MapApproved(version, approvedBy, at, v.hash())))
                        : Uni.createFrom().voidItem())
                        .chain(() -> versionOr404(migrationId, version));
            });
        });
    }

    private Uni<MapValidator.SourceFacts> sourceFacts(String migrationId) {
        return facts.discovery(migrationId).chain(d -> facts.profiles(migrationId).map(p -> {
            Map<String, Set<String>> custom = new HashMap<>();
            if (d != null && d.customColumns() != null) {
                d.customColumns().forEach(c -> custom.computeIfAbsent(c.table(), t -> new HashSet<>()).add(c.column()));
            }
            return new MapValidator.SourceFacts(custom, p,
                    d == null || d.distinctValues() == null ? Map.of() : d.distinctValues());
        }));
    }

    private static void requireBy(String who, String what) {
        if (who == null || who.isBlank()) {
            throw new MapReviewException(400, "MISSING_" + what.toUpperCase().replace("BY", "_BY"),
                    "'" + what + "' is required: every version and approval records who made it");
        }
    }
}

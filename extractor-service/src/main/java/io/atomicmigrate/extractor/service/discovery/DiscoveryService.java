package io.atomicmigrate.extractor.service.discovery;

import com.fasterxml.jackson.databind.JsonNode;
import io.atomicmigrate.common.events.EventEnvelope;
import io.atomicmigrate.common.events.payload.MigrationDiscovered;
import io.atomicmigrate.common.events.payload.MigrationFailed;
import io.atomicmigrate.extractor.messaging.LifecycleEventPublisher;
import io.atomicmigrate.extractor.repository.ColumnProfileRepository;
import io.atomicmigrate.extractor.repository.DiscoveryRepository;
import io.atomicmigrate.extractor.repository.SourceCatalogRepository;
import io.atomicmigrate.extractor.service.MigrationService;
import io.atomicmigrate.extractor.service.ProblemException;
import io.atomicmigrate.extractor.service.source.ConnectionChecker;
import io.atomicmigrate.extractor.service.source.ConnectionProblem;
import io.atomicmigrate.extractor.service.source.SourceConnector;
import io.atomicmigrate.extractor.service.source.SourceEndpoint;
import io.atomicmigrate.extractor.service.source.SourceLayout;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Discovery (DESIGN §1 step 1): checks the source, audits its schema, counts, profiles the
 * config-backed columns, resolves the configuration, stores the report and announces it.
 * Every query runs in one read-only repeatable-read transaction, so the numbers agree.
 */
@ApplicationScoped
public class DiscoveryService {

    private static final Logger LOG = Logger.getLogger(DiscoveryService.class);
    private static final int MAX_DISTINCT = 1_000;
    /** Column profiles read this many rows per table: enough to see patterns, bounded on any size. */
    static final int PROFILE_ROWS = 10_000;
    /** Tables whose rows are migrated; configuration and the favicon list are read, not migrated. */
    private static final List<String> PROFILED = List.of("sales", "tags", "companies", "contacts", "contact_notes",
            "deals", "deal_notes", "tasks");

    /** Config-backed columns (§5.5) and the configuration key that lists their values. */
    private static final List<String[]> CONFIG_BACKED = List.of(
            new String[] {"deals", "stage", "dealStages"},
            new String[] {"deals", "category", "dealCategories"},
            new String[] {"tasks", "type", "taskTypes"},
            new String[] {"contact_notes", "status", "noteStatuses"},
            new String[] {"contacts", "status", "noteStatuses"},
            new String[] {"companies", "sector", "companySectors"},
            new String[] {"contacts", "gender", null},
            new String[] {"companies", "size", null});
    private static final Map<String, List<String>> HARD_CODED = Map.of(
            "contacts.gender", List.of("male", "female", "nonbinary"),
            "companies.size", List.of("1", "10", "50", "250", "500"));

    private final MigrationService migrations;
    private final SourceConnector connector;
    private final DiscoveryRepository repository;
    private final LifecycleEventPublisher events;
    private final ConfigResolver configResolver = new ConfigResolver();

    public DiscoveryService(MigrationService migrations, SourceConnector connector, DiscoveryRepository repository,
                            LifecycleEventPublisher events) {
        this.migrations = migrations;
        this.connector = connector;
        this.repository = repository;
        this.events = events;
    }

    public Uni<DiscoveryReport> discover(String migrationId) {
        return migrations.source(migrationId)
                .chain(source -> migrations.appTsx(migrationId)
                        .chain(appTsx -> Uni.createFrom().item(() -> discover(migrationId, source, appTsx))
                                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())))
                .onFailure(SourceConnector.SourceProblemException.class).call(e -> announceFailure(migrationId,
                        ((SourceConnector.SourceProblemException) e).problem()))
                .onFailure(SourceConnector.SourceProblemException.class).transform(e -> {
                    ConnectionProblem p = ((SourceConnector.SourceProblemException) e).problem();
                    return new ProblemException(422, p.code(), p.message());
                })
                .call(repository::save)
                .call(report -> events.publish(EventEnvelope.of(migrationId, report.toEvent())));
    }

    public Uni<DiscoveryReport> latest(String migrationId) {
        return migrations.require(migrationId).chain(m -> repository.find(migrationId)).onItem().ifNull()
                .failWith(() -> new ProblemException(404, "NOT_DISCOVERED",
                        "migration " + migrationId + " has not been discovered yet; POST /migrations/" + migrationId
                                + "/discovery"));
    }

    private Uni<Void> announceFailure(String migrationId, ConnectionProblem problem) {
        return events.publish(EventEnvelope.of(migrationId, new MigrationFailed(problem.code(), problem.message(),
                "extractor-service")));
    }

    /** Blocking: the whole discovery on one JDBC session. */
    DiscoveryReport discover(String migrationId, SourceEndpoint source, String appTsx) {
        try (Connection c = connector.open(source)) {
            ConnectionProblem problem = ConnectionChecker.checkOpenSource(c);
            if (problem != null) {
                throw new SourceConnector.SourceProblemException(problem);
            }
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
                // error out rather than silently count 0 rows should RLS apply after all
                s.execute("SET LOCAL row_security = off");
            }
            try {
                return audit(migrationId, c, appTsx);
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("discovery of " + migrationId + " failed on " + source + ": "
                    + e.getMessage() + " (SQLSTATE " + e.getSQLState() + ")", e);
        }
    }

    private DiscoveryReport audit(String migrationId, Connection c, String appTsx) throws SQLException {
        List<String> warnings = new ArrayList<>();
        SourceLayout layout = SourceConnector.layout(c);
        DiscoveryReport.Role role = SourceCatalogRepository.role(c);
        List<DiscoveryReport.Table> tables = SourceCatalogRepository.tables(c, layout);
        Map<String, DiscoveryReport.Table> byCanonical = new LinkedHashMap<>();
        List<String> extraTables = new ArrayList<>();
        for (DiscoveryReport.Table t : tables) {
            if (t.canonicalName() != null) {
                byCanonical.put(t.canonicalName(), t);
            } else {
                extraTables.add(t.name());
                warnings.add("table public." + t.name() + " is not part of Atomic CRM; it is not migrated");
            }
        }
        boolean contactsHasEmail = byCanonical.get("contacts").columns().stream()
                .anyMatch(col -> col.name().equals("email") && col.udtName().equals("text"));
        StandardSchema generation = StandardSchema.recognise(layout.allPublicTables().contains("contact_notes"),
                contactsHasEmail);
        if (generation != StandardSchema.CURRENT) {
            warnings.add("schema generation " + generation + ": legacy table and column names are read under their "
                    + "current names; rows may hold labels instead of config values");
        }

        List<MigrationDiscovered.CustomColumn> custom = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        generation.columns().forEach((canonical, standard) -> {
            DiscoveryReport.Table t = byCanonical.get(canonical);
            if (t == null) {
                missing.add(canonical + ".*");
                warnings.add("the standard table " + canonical + " is missing");
                return;
            }
            Set<String> live = new LinkedHashSet<>();
            for (DiscoveryReport.Column col : t.columns()) {
                live.add(col.name());
                if (!standard.contains(col.name())) {
                    custom.add(new MigrationDiscovered.CustomColumn(canonical, col.name(), col.dataType(), col.udtName(),
                            col.nullable(), col.enumLabels()));
                }
            }
            standard.stream().filter(name -> !live.contains(name)).forEach(name -> missing.add(canonical + "." + name));
        });
        byCanonical.keySet().stream().filter(t -> !generation.columns().containsKey(t))
                .forEach(t -> warnings.add("table " + t + " belongs to a later schema generation than " + generation));

        Map<String, Long> counts = new LinkedHashMap<>();
        for (String canonical : SourceLayout.CRM_TABLES) {
            if (layout.has(canonical)) {
                counts.put(canonical, SourceCatalogRepository.count(c, layout.qualified(canonical)));
            }
        }

        Map<String, Map<String, Long>> distinct = new LinkedHashMap<>();
        for (String[] cb : CONFIG_BACKED) {
            DiscoveryReport.Table t = byCanonical.get(cb[0]);
            if (t != null && t.columns().stream().anyMatch(col -> col.name().equals(cb[1]))) {
                Map<String, Long> values = SourceCatalogRepository.distinct(c, layout.qualified(cb[0]), cb[1],
                        MAX_DISTINCT + 1);
                if (values.size() > MAX_DISTINCT) {
                    warnings.add(cb[0] + "." + cb[1] + " has more than " + MAX_DISTINCT
                            + " distinct values; only the most frequent are listed");
                    values.remove(values.keySet().stream().reduce((a, b) -> b).orElseThrow());
                }
                distinct.put(cb[0] + "." + cb[1], values);
            }
        }

        Map<String, MigrationDiscovered.AttachmentInventory> attachments = new LinkedHashMap<>();
        for (String notes : List.of("contact_notes", "deal_notes")) {
            DiscoveryReport.Table t = byCanonical.get(notes);
            if (t != null && t.columns().stream().anyMatch(col -> col.name().equals("attachments"))) {
                var inv = SourceCatalogRepository.attachments(c, layout.qualified(notes));
                attachments.put(notes, inv);
                if (inv.filesWithoutPath() > 0) {
                    warnings.add(inv.filesWithoutPath() + " " + notes + " attachment(s) have no storage path: "
                            + "they point outside the bucket and may no longer be downloadable");
                }
            }
        }

        DiscoveryReport.Volumes volumes = volumes(c, layout, byCanonical);

        List<MigrationDiscovered.ColumnProfile> profiles = new ArrayList<>();
        for (String canonical : PROFILED) {
            DiscoveryReport.Table t = byCanonical.get(canonical);
            if (t != null) {
                List<String> columns = t.columns().stream().map(DiscoveryReport.Column::name)
                        .filter(name -> !name.equals("id")).toList();
                profiles.addAll(ColumnProfileRepository.profile(c, canonical, layout.qualified(canonical), columns,
                        PROFILE_ROWS));
            }
        }

        JsonNode dbConfig = layout.has("configuration")
                ? SourceCatalogRepository.configuration(c, layout.qualified("configuration")) : null;
        ConfigResolver.ResolvedConfig config = configResolver.resolve(dbConfig, appTsx);
        warnings.addAll(config.warnings());

        List<MigrationDiscovered.UnknownValue> unknown = new ArrayList<>();
        for (String[] cb : CONFIG_BACKED) {
            String column = cb[0] + "." + cb[1];
            Map<String, Long> values = distinct.get(column);
            if (values == null) {
                continue;
            }
            List<String> known = cb[2] == null ? HARD_CODED.get(column) : config.values(cb[2]);
            List<String> labels = cb[2] == null ? List.of() : config.labels(cb[2]);
            values.forEach((value, n) -> {
                if (!known.contains(value) && !known.contains(Slugs.toSlug(value)) && !labels.contains(value)) {
                    unknown.add(new MigrationDiscovered.UnknownValue(cb[0], cb[1], value, n));
                    warnings.add(n + " " + cb[0] + " row(s) have " + cb[1] + " '" + value + "', which "
                            + (cb[2] == null ? "Atomic CRM does not define" : "the configuration (" + cb[2]
                            + ") does not list") + "; it needs a mapping decision");
                }
            });
        }
        if (role.superuser() || role.bypassRls()) {
            LOG.debugf("discovery of %s runs as %s, which bypasses RLS", migrationId, role.name());
        }
        return new DiscoveryReport(migrationId, Instant.now(), generation.name(), role, tables,
                SourceCatalogRepository.foreignKeys(c), counts, custom, missing, extraTables, distinct, attachments,
                volumes, config.effective(), config.sources(), unknown, warnings, profiles);
    }

    private static DiscoveryReport.Volumes volumes(Connection c, SourceLayout layout,
                                                   Map<String, DiscoveryReport.Table> tables) throws SQLException {
        String contacts = layout.qualified("contacts");
        String deals = layout.qualified("deals");
        boolean hasContactIds = tables.get("deals").columns().stream().anyMatch(col -> col.name().equals("contact_ids"));
        boolean hasTags = tables.get("contacts").columns().stream().anyMatch(col -> col.name().equals("tags"));
        long leads = SourceCatalogRepository.scalar(c, "SELECT count(*) FROM " + contacts + " c WHERE c.company_id IS NULL"
                + (hasContactIds ? " AND c.id NOT IN (SELECT x FROM " + deals + " d, unnest(d.contact_ids) AS x"
                + " WHERE x IS NOT NULL)" : ""));
        long extra = hasContactIds ? SourceCatalogRepository.scalar(c,
                "SELECT coalesce(sum(greatest(cardinality(contact_ids) - 1, 0)), 0) FROM " + deals) : 0;
        long tags = hasTags ? SourceCatalogRepository.scalar(c,
                "SELECT count(DISTINCT t) FROM " + contacts + " c, unnest(c.tags) AS t") : 0;
        return new DiscoveryReport.Volumes(leads, extra, tags);
    }
}

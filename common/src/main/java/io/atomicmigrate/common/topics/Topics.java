package io.atomicmigrate.common.topics;

import java.util.List;

/**
 * Every topic of the platform, in one place (DESIGN §3). Services name topics in
 * their {@code application.properties} by these names; the local stack and the
 * Kubernetes topic definitions create them from {@link #ALL}.
 */
public final class Topics {

    public static final String MIGRATION_EVENTS = "crm.migration.events";
    public static final String RECORDS_EXTRACTED = "crm.records.extracted";
    public static final String RECORDS_MAPPED = "crm.records.mapped";
    public static final String RECORDS_REJECTED = "crm.records.rejected";
    public static final String RECORDS_OUTCOMES = "crm.records.outcomes";
    public static final String RECONCILIATION_REPORTS = "crm.reconciliation.reports";
    public static final String DEAD_LETTERS = "crm.dead-letters";

    /** Lifecycle events: few per migration, ordered per migration by key. */
    public static final Topic MIGRATION_EVENTS_TOPIC =
            new Topic(MIGRATION_EVENTS, 6, false, "migrationId");
    /** Record topics carry the volume: more partitions so one big migration spreads. */
    public static final Topic RECORDS_EXTRACTED_TOPIC =
            new Topic(RECORDS_EXTRACTED, 12, false, "migrationId/table/sourceId");
    public static final Topic RECORDS_MAPPED_TOPIC =
            new Topic(RECORDS_MAPPED, 12, false, "migrationId/dedupKey");
    public static final Topic RECORDS_REJECTED_TOPIC =
            new Topic(RECORDS_REJECTED, 6, false, "migrationId/table/sourceId");
    public static final Topic RECORDS_OUTCOMES_TOPIC =
            new Topic(RECORDS_OUTCOMES, 12, false, "migrationId/table/sourceId");
    /** Compacted: dashboards read the latest report per migration/run/phase. */
    public static final Topic RECONCILIATION_REPORTS_TOPIC =
            new Topic(RECONCILIATION_REPORTS, 6, true, "migrationId/runId/phase");

    /**
     * Messages a consumer could not process (malformed, or failing after retries), kept with
     * the failure reason in headers so nothing is lost; an operator replays them after a fix.
     */
    public static final Topic DEAD_LETTERS_TOPIC =
            new Topic(DEAD_LETTERS, 3, false, "the original record's key");

    public static final List<Topic> ALL = List.of(
            MIGRATION_EVENTS_TOPIC,
            RECORDS_EXTRACTED_TOPIC,
            RECORDS_MAPPED_TOPIC,
            RECORDS_REJECTED_TOPIC,
            RECORDS_OUTCOMES_TOPIC,
            RECONCILIATION_REPORTS_TOPIC,
            DEAD_LETTERS_TOPIC);

    private Topics() {
    }
}

package io.atomicmigrate.common.events;

import io.atomicmigrate.common.events.payload.ReconciliationReport;
import io.atomicmigrate.common.events.payload.RecordMapped;
import java.util.Locale;

/**
 * Kafka record keys (DESIGN §3). Keys decide partitions: the same source row, or the same
 * dedup key, always lands on the same partition, so its events stay in order and two
 * contacts sharing an email are deduplicated by one consumer, deterministically.
 */
public final class EventKeys {

    private static final char SEPARATOR = '/';

    private EventKeys() {
    }

    /** Key of lifecycle events: the migration. */
    public static String migration(String migrationId) {
        return require(migrationId, "migrationId");
    }

    /** Key of extracted, rejected and outcome events: one source row. */
    public static String sourceRow(String migrationId, String table, String sourceId) {
        return require(migrationId, "migrationId") + SEPARATOR + require(table, "table") + SEPARATOR
                + require(sourceId, "sourceId");
    }

    /** Key of mapped records: the destination identity, case-folded so emails that differ by case meet. */
    public static String dedup(String migrationId, String dedupKey) {
        return require(migrationId, "migrationId") + SEPARATOR + require(dedupKey, "dedupKey").toLowerCase(Locale.ROOT);
    }

    /** Key of reconciliation reports: compaction keeps the latest report per migration, run and phase. */
    public static String report(String migrationId, String runId, Phase phase) {
        return require(migrationId, "migrationId") + SEPARATOR + require(runId, "runId") + SEPARATOR
                + (phase == null ? "RUN" : phase.name());
    }

    /** The key an envelope is published with, derived from its type and payload. */
    public static String of(EventEnvelope<?> event) {
        EventPayload payload = event.payload();
        if (payload instanceof SourceRowPayload row) {
            return sourceRow(event.migrationId(), row.table(), row.sourceId());
        }
        if (payload instanceof RecordMapped mapped) {
            return dedup(event.migrationId(), mapped.dedupKey());
        }
        if (payload instanceof ReconciliationReport) {
            return report(event.migrationId(), event.runId(), event.phase());
        }
        return migration(event.migrationId());
    }

    private static String require(String value, String what) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(what + " is required in an event key");
        }
        return value;
    }
}

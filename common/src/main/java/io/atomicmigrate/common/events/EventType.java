package io.atomicmigrate.common.events;

import io.atomicmigrate.common.events.payload.BudgetState;
import io.atomicmigrate.common.events.payload.DestinationReady;
import io.atomicmigrate.common.events.payload.MapApproved;
import io.atomicmigrate.common.events.payload.MapProposed;
import io.atomicmigrate.common.events.payload.MigrationCreated;
import io.atomicmigrate.common.events.payload.MigrationDiscovered;
import io.atomicmigrate.common.events.payload.MigrationFailed;
import io.atomicmigrate.common.events.payload.MigrationVerified;
import io.atomicmigrate.common.events.payload.OwnersUnresolved;
import io.atomicmigrate.common.events.payload.PhaseCompleted;
import io.atomicmigrate.common.events.payload.PhaseExtracted;
import io.atomicmigrate.common.events.payload.PhaseStarted;
import io.atomicmigrate.common.events.payload.ReconciliationReport;
import io.atomicmigrate.common.events.payload.RecordExtracted;
import io.atomicmigrate.common.events.payload.RecordMapped;
import io.atomicmigrate.common.events.payload.RecordOutcome;
import io.atomicmigrate.common.events.payload.RecordRejected;
import io.atomicmigrate.common.events.payload.RollbackCompleted;
import io.atomicmigrate.common.events.payload.RollbackRequested;
import io.atomicmigrate.common.events.payload.RunStarted;
import io.atomicmigrate.common.topics.Topics;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every event the platform publishes: its wire name, payload record, topic and the
 * JSON Schema that describes the payload to consumers who do not read Java.
 */
public enum EventType {
    MIGRATION_CREATED("migration.created", MigrationCreated.class, Topics.MIGRATION_EVENTS),
    MIGRATION_DISCOVERED("migration.discovered", MigrationDiscovered.class, Topics.MIGRATION_EVENTS),
    MAP_PROPOSED("map.proposed", MapProposed.class, Topics.MIGRATION_EVENTS),
    MAP_APPROVED("map.approved", MapApproved.class, Topics.MIGRATION_EVENTS),
    DESTINATION_READY("destination.ready", DestinationReady.class, Topics.MIGRATION_EVENTS),
    OWNERS_UNRESOLVED("owners.unresolved", OwnersUnresolved.class, Topics.MIGRATION_EVENTS),
    RUN_STARTED("run.started", RunStarted.class, Topics.MIGRATION_EVENTS),
    PHASE_STARTED("phase.started", PhaseStarted.class, Topics.MIGRATION_EVENTS),
    PHASE_EXTRACTED("phase.extracted", PhaseExtracted.class, Topics.MIGRATION_EVENTS),
    PHASE_COMPLETED("phase.completed", PhaseCompleted.class, Topics.MIGRATION_EVENTS),
    MIGRATION_VERIFIED("migration.verified", MigrationVerified.class, Topics.MIGRATION_EVENTS),
    ROLLBACK_REQUESTED("rollback.requested", RollbackRequested.class, Topics.MIGRATION_EVENTS),
    ROLLBACK_COMPLETED("rollback.completed", RollbackCompleted.class, Topics.MIGRATION_EVENTS),
    MIGRATION_FAILED("migration.failed", MigrationFailed.class, Topics.MIGRATION_EVENTS),
    BUDGET_STATE("budget.state", BudgetState.class, Topics.MIGRATION_EVENTS),
    RECORD_EXTRACTED("record.extracted", RecordExtracted.class, Topics.RECORDS_EXTRACTED),
    RECORD_MAPPED("record.mapped", RecordMapped.class, Topics.RECORDS_MAPPED),
    RECORD_REJECTED("record.rejected", RecordRejected.class, Topics.RECORDS_REJECTED),
    RECORD_OUTCOME("record.outcome", RecordOutcome.class, Topics.RECORDS_OUTCOMES),
    RECONCILIATION_REPORT("reconciliation.report", ReconciliationReport.class, Topics.RECONCILIATION_REPORTS);

    private static final Map<String, EventType> BY_WIRE_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(EventType::wireName, Function.identity()));
    private static final Map<Class<?>, EventType> BY_PAYLOAD = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(EventType::payloadType, Function.identity()));

    private final String wireName;
    private final Class<? extends EventPayload> payloadType;
    private final String topic;

    EventType(String wireName, Class<? extends EventPayload> payloadType, String topic) {
        this.wireName = wireName;
        this.payloadType = payloadType;
        this.topic = topic;
    }

    /** The {@code type} attribute on the wire, e.g. {@code record.extracted}. */
    public String wireName() {
        return wireName;
    }

    public Class<? extends EventPayload> payloadType() {
        return payloadType;
    }

    /** The topic this event is published to. */
    public String topic() {
        return topic;
    }

    /** Classpath location of the payload's JSON Schema, e.g. {@code schemas/record.extracted.schema.json}. */
    public String schemaResource() {
        return "schemas/" + wireName + ".schema.json";
    }

    public static EventType fromWireName(String wireName) {
        EventType type = BY_WIRE_NAME.get(wireName);
        if (type == null) {
            throw new UnknownEventTypeException(wireName);
        }
        return type;
    }

    public static EventType of(EventPayload payload) {
        EventType type = BY_PAYLOAD.get(payload.getClass());
        if (type == null) {
            throw new IllegalArgumentException(payload.getClass().getName() + " is not a registered event payload");
        }
        return type;
    }

    /** An event whose type this version does not know: a newer producer, or a corrupt message. */
    public static final class UnknownEventTypeException extends IllegalArgumentException {
        public UnknownEventTypeException(String wireName) {
            super("unknown event type '" + wireName + "'; known types: " + BY_WIRE_NAME.keySet().stream().sorted().toList());
        }
    }
}

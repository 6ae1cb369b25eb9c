package io.atomicmigrate.common;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atomicmigrate.common.events.EventEnvelope;
import io.atomicmigrate.common.events.EventPayload;
import io.atomicmigrate.common.events.EventType;
import io.atomicmigrate.common.events.Phase;
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
import io.atomicmigrate.common.events.payload.PhaseCounts;
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
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** One realistic event of every type, as producers will publish them. */
final class SampleEvents {

    static final String MIGRATION = "mig-7f3a";
    static final String RUN = "run-1";
    static final Instant AT = Instant.parse("2026-11-21T10:15:30.123Z");

    private SampleEvents() {
    }

    static Map<EventType, EventEnvelope<?>> all() {
        Map<EventType, EventEnvelope<?>> samples = new EnumMap<>(EventType.class);
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode contactRow = f.objectNode().put("id", 42).put("first_name", "Zoë").put("last_name", "مرحبا")
                .put("first_seen", "2024-03-01T09:00:00Z");
        contactRow.putArray("email_jsonb").addObject().put("email", "zoe@acme.com").put("type", "Work");
        ObjectNode personPayload = f.objectNode().put("name", "Zoë مرحبا").put("add_time", "2024-03-01T09:00:00Z");
        personPayload.putArray("emails").addObject().put("value", "zoe@acme.com").put("primary", true).put("label", "work");
        PhaseCounts counts = new PhaseCounts(500, 497, 3, 480, 10, 2, 5, 0, 0);

        put(samples, null, null, new MigrationCreated("Acme CRM to Pipedrive",
                new MigrationCreated.SourceRef("db.acme.supabase.co", 5432, "postgres", "postgres", true),
                new MigrationCreated.DestinationRef("acme", null), Map.of("sampleSize", "25")));
        put(samples, null, null, new MigrationDiscovered("CURRENT",
                Map.of("contacts", 500L, "companies", 55L),
                List.of(new MigrationDiscovered.CustomColumn("contacts", "loyalty_tier", "USER-DEFINED", "loyalty_tier",
                        true, List.of("bronze", "silver", "gold"))),
                List.of(), Map.of("dealStages", "DATABASE", "currency", "DEFAULT"),
                List.of(new MigrationDiscovered.UnknownValue("deals", "stage", "parked", 3)),
                List.of("3 deals use stage 'parked', which the configuration does not list"),
                Map.of("deals.stage", Map.of("parked", 3L, "won", 12L)),
                Map.of("contact_notes", new MigrationDiscovered.AttachmentInventory(40, 57, 2)),
                f.objectNode().put("currency", "EUR"),
                List.of(new MigrationDiscovered.ColumnProfile("contacts", "loyalty_tier", 500, 410, 3L, 6,
                        List.of("gold", "silver", "bronze"), Map.of("gold", 200L, "silver", 150L, "bronze", 60L)))));
        put(samples, null, null, new MapProposed(1, 84, 6, "engine"));
        put(samples, null, null, new MapApproved(2, "ops@acme.com", AT, "9f86d081884c7d65"));
        put(samples, null, null, new DestinationReady(Map.of("other", 3L), Map.of("other/opportunity", 17L),
                Map.of("lunch", "lunch"), Map.of("person.atomic_crm_id", "a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4e5f6a1b2"),
                Map.of("tag:5", "12"), 14));
        put(samples, null, null, new OwnersUnresolved(List.of(new OwnersUnresolved.Owner(3, "kim@acme.com", "Kim Lee", 120))));
        put(samples, RUN, null, new RunStarted(RunStarted.RunKind.RETRY, 2, List.of(Phase.values()), 0, "run-0"));
        put(samples, RUN, Phase.PERSONS, new PhaseStarted(Phase.PERSONS.sourceTables()));
        put(samples, RUN, Phase.PERSONS, new PhaseExtracted(500, Map.of("contacts", 500L), "0a1b2c3d4e5f6071", 2, 480));
        put(samples, RUN, Phase.PERSONS, new PhaseCompleted(counts));
        put(samples, RUN, null, new MigrationVerified(List.of(new MigrationVerified.ObjectVerification("person", 480, 0, 5760, 0)), true));
        put(samples, RUN, Phase.DEALS, new RollbackRequested("ops@acme.com", "wrong pipeline mapping"));
        put(samples, RUN, Phase.DEALS, new RollbackCompleted(50, 0, 0));
        put(samples, null, null, new MigrationFailed("SOURCE_RLS_HIDES_ROWS",
                "role 'reader' is subject to row level security on contacts and would read 0 rows", "extractor-service"));
        put(samples, RUN, Phase.PERSONS, new BudgetState(14, 80, 2000, 37, 30000L, 1250, 28750L, 3,
                AT.plusSeconds(2), "RATE_LIMITED", 1));
        put(samples, RUN, Phase.PERSONS, new RecordExtracted("contacts", "42", contactRow,
                "3b8f1c0e0c5d3f7a9e2b4d6f8a0c2e4f6a8b0d2f4a6c8e0a2c4e6f8a0b2d4f6a", RecordExtracted.Change.CHANGED));
        put(samples, RUN, Phase.PERSONS, new RecordMapped("contacts", "42", "person", "zoe@acme.com", personPayload,
                List.of(new RecordMapped.Reference("org_id", "companies", "7", "organization of companies 7")),
                List.of(), 2, "contacts:42"));
        put(samples, RUN, Phase.PERSONS, new RecordRejected("contacts", "43",
                List.of(new RecordRejected.Reason("email_jsonb", "INVALID_EMAIL", "'not-an-email' is not an e-mail address"),
                        new RecordRejected.Reason(null, "NO_NAME", "contact has neither first nor last name")),
                f.objectNode().put("id", 43), 2));
        put(samples, RUN, Phase.PERSONS, new RecordOutcome("contacts", "42", RecordOutcome.Outcome.CREATED, "person", "1017", null));
        put(samples, RUN, Phase.PERSONS, new ReconciliationReport(counts, Map.of("INVALID_EMAIL", 2L, "NO_NAME", 1L),
                Map.of(), ReconciliationReport.State.COMPLETE, true, AT, 500L, 0, 0, null, "0a1b2c3d4e5f6071",
                "0a1b2c3d4e5f6071"));
        return samples;
    }

    private static void put(Map<EventType, EventEnvelope<?>> samples, String runId, Phase phase, EventPayload payload) {
        EventEnvelope<?> event = new EventEnvelope<>(UUID.nameUUIDFromBytes(payload.getClass().getName().getBytes()),
                EventType.of(payload).wireName(), MIGRATION, runId, phase, AT, EventEnvelope.CURRENT_SCHEMA_VERSION, payload);
        samples.put(event.eventType(), event);
    }
}

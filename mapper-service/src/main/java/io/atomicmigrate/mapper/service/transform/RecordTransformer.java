package io.atomicmigrate.mapper.service.transform;

import io.atomicmigrate.common.events.Phase;
import io.atomicmigrate.common.events.payload.RecordExtracted;
import io.atomicmigrate.common.events.payload.RecordRejected;
import io.atomicmigrate.common.map.ObjectMapping;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The transformation step: one extracted row + the approved map → exactly one verdict:
 * Pipedrive-ready records (UPSERT, or DELETE for a row a delta run saw deleted), a SKIP with the
 * reason, or a rejection with reasons. Pure and stateless (the map and the id knowledge come in), so any number of
 * replicas can share the work, and a redelivered row gives the very same output.
 */
public final class RecordTransformer {

    private final Map<String, ObjectTransformer> byTable = Stream.of(new ContactToPersonOrLead(),
                    new CompanyToOrganization(), new DealToDeal(), new NoteToNote("contact_notes"),
                    new NoteToNote("deal_notes"), new TaskToActivity(), new TagToLabel(), new SalesToUser())
            .collect(Collectors.toUnmodifiableMap(ObjectTransformer::table, Function.identity()));

    public TransformOutcome transform(RecordExtracted record, Phase phase, TransformRun run) {
        ObjectTransformer transformer = byTable.get(record.table());
        ObjectMapping mapping = run.lookups().map().object(record.table());
        if (transformer == null || mapping == null) {
            return rejected(record, run, "TABLE_NOT_MAPPED", "the approved map version " + run.mapVersion()
                    + " does not migrate table '" + record.table() + "'");
        }
        if ("none".equals(mapping.destination())) {
            // a person approved leaving this table out: a deliberate skip, not a row that failed
            return TransformOutcome.of(Verdicts.skip(record.table(), record.sourceId(), transformer.object(phase),
                    transformer.marker(record.sourceId(), phase), "the approved map version " + run.mapVersion()
                            + " leaves table '" + record.table() + "' out (destination none)", run.mapVersion()));
        }
        if (record.change() == RecordExtracted.Change.DELETED) {
            // a delta run saw the row deleted: delete what it became in this phase (the loader's ledger knows the ids)
            return transformer.deleted(record.sourceId(), phase, run);
        }
        if (record.row() == null || !record.row().isObject()) {
            return rejected(record, run, "ROW_MISSING", "the event carries no row object");
        }
        try {
            return transformer.transform(record.sourceId(), record.row(), phase, mapping, run);
        } catch (RuntimeException e) {
            // A map parameter the validator let through, or a value nobody foresaw: the row is
            // rejected with the reason rather than lost or retried forever.
            return rejected(record, run, "TRANSFORM_FAILED", e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static TransformOutcome rejected(RecordExtracted record, TransformRun run, String code, String message) {
        return TransformOutcome.rejected(new RecordRejected(record.table(), record.sourceId(),
                List.of(new RecordRejected.Reason(null, code, message)),
                record.row() == null ? com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()
                        : record.row(), run == null ? null : run.mapVersion()));
    }

    /** A row that arrived while no map version is approved: nothing moves before approval. */
    public static TransformOutcome noApprovedMap(RecordExtracted record) {
        return rejected(record, null, "NO_APPROVED_MAP", "no map version is approved for this migration;"
                + " approve one before records move");
    }
}

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
 * The transformation step: one extracted row + the approved map → Pipedrive-ready records or a
 * rejection. Pure and stateless (the map and the id knowledge come in), so any number of
 * replicas can share the work, and a redelivered row gives the very same output.
 */
public final class RecordTransformer {

    private final Map<String, ObjectTransformer> byTable = Stream.of(new ContactToPersonOrLead(),
                    new CompanyToOrganization(), new DealToDeal(), new NoteToNote("contact_notes"),
                    new NoteToNote("deal_notes"), new TaskToActivity(), new TagToLabel(), new SalesToUser())
            .collect(Collectors.toUnmodifiableMap(ObjectTransformer::table, Function.identity()));

    public TransformOutcome transform(RecordExtracted record, Phase phase, TransformRun run) {
        if (record.change() == RecordExtracted.Change.DELETED) {
            // Deletions carry no row; undoing them in Pipedrive is the delta run's decision, not a mapping.
            return rejected(record, run, "ROW_DELETED", "the row was deleted in the source since the last run;"
                    + " there is nothing to map");
        }
        if (record.row() == null || !record.row().isObject()) {
            return rejected(record, run, "ROW_MISSING", "the event carries no row object");
        }
        ObjectTransformer transformer = byTable.get(record.table());
        ObjectMapping mapping = run.lookups().map().object(record.table());
        if (transformer == null || mapping == null || "none".equals(mapping.destination())) {
            return rejected(record, run, "TABLE_NOT_MAPPED", "the approved map version " + run.mapVersion()
                    + " does not migrate table '" + record.table() + "'");
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

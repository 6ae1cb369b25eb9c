package io.atomicmigrate.mapper.service.transform;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.atomicmigrate.common.events.payload.RecordMapped;
import io.atomicmigrate.common.events.payload.RecordMapped.Action;
import java.util.List;

/**
 * The two mapper verdicts that carry no write: a SKIP (the row deliberately produces nothing in
 * this phase) and a DELETE (a delta run saw the row deleted). Both are published on
 * crm.records.mapped like any write so that every extracted row has exactly one verdict
 * (DESIGN §7) and the reconciler can count it without guessing.
 *
 * <p>Their dedup key is the record's marker ({@code <table>:<id>[:lead|:file]}): one key per
 * source row and destination object, so the verdicts of one row stay in order on one partition.
 */
public final class Verdicts {

    private Verdicts() {
    }

    /**
     * @param object what the row would have become (e.g. "lead")
     * @param reason why it does not, in words: {@code warnings[0]}
     */
    public static RecordMapped skip(String table, String sourceId, String object, String marker, String reason,
                                    int mapVersion) {
        return new RecordMapped(table, sourceId, object, marker, JsonNodeFactory.instance.objectNode(), List.of(),
                List.of(reason), mapVersion, marker, Action.SKIP);
    }

    /**
     * Delete what the loader created for this row and object. The deleted row is gone from the
     * source, so there is no payload and no reference to send: the loader finds the Pipedrive
     * record in its id ledger by (table, source id, object), or by the marker.
     */
    public static RecordMapped delete(String table, String sourceId, String object, String marker, List<String> warnings,
                                      int mapVersion) {
        return new RecordMapped(table, sourceId, object, marker, JsonNodeFactory.instance.objectNode(), List.of(),
                List.copyOf(warnings), mapVersion, marker, Action.DELETE);
    }
}

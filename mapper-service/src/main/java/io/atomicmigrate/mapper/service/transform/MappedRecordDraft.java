package io.atomicmigrate.mapper.service.transform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atomicmigrate.common.events.payload.RecordMapped;
import io.atomicmigrate.common.events.payload.RecordRejected;
import io.atomicmigrate.common.map.Target;
import java.util.ArrayList;
import java.util.List;

/** One destination record being built from one source row: payload, references, warnings, reasons to reject. */
public final class MappedRecordDraft {

    private final String table;
    private final String sourceId;
    private final String object;
    private final ObjectNode payload = JsonNodeFactory.instance.objectNode();
    private ObjectNode customFields;
    private final List<RecordMapped.Reference> references = new ArrayList<>(4);
    private final List<String> warnings = new ArrayList<>(2);
    private final List<RecordRejected.Reason> reasons = new ArrayList<>(1);

    public MappedRecordDraft(String table, String sourceId, String object) {
        this.table = table;
        this.sourceId = sourceId;
        this.object = object;
    }

    public String table() {
        return table;
    }

    public String sourceId() {
        return sourceId;
    }

    public String object() {
        return object;
    }

    public ObjectNode payload() {
        return payload;
    }

    /** Writes a value where the line's target says; a LOSS target writes nothing. */
    public void write(Target target, JsonNode value) {
        if (value == null || value.isNull()) {
            return;
        }
        switch (target.kind()) {
            case STANDARD -> payload.set(target.field(), value);
            case CUSTOM -> customFields().set(target.custom().name(), value);
            case LOSS -> {
            }
        }
    }

    public ObjectNode customFields() {
        if (customFields == null) {
            customFields = payload.putObject("custom_fields");
        }
        return customFields;
    }

    public void reference(String field, String refTable, String refId, String symbol) {
        references.add(new RecordMapped.Reference(field, refTable, refId, symbol));
    }

    public void warn(String code, String field, String message) {
        warnings.add(code + (field == null ? "" : " " + field) + ": " + message);
    }

    public void reject(String field, String code, String message) {
        reasons.add(new RecordRejected.Reason(field, code, message));
    }

    public boolean rejected() {
        return !reasons.isEmpty();
    }

    public List<RecordRejected.Reason> reasons() {
        return reasons;
    }

    public RecordMapped toMapped(String dedupKey, int mapVersion) {
        return new RecordMapped(table, sourceId, object, dedupKey, payload, List.copyOf(references),
                List.copyOf(warnings), mapVersion, table + ":" + sourceId);
    }
}

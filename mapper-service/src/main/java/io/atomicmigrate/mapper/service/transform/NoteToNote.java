package io.atomicmigrate.mapper.service.transform;

import com.fasterxml.jackson.databind.JsonNode;
import io.atomicmigrate.common.events.Phase;
import io.atomicmigrate.common.map.ObjectMapping;

/**
 * Where a contact note or deal note becomes a Pipedrive note (Markdown → HTML, original date
 * kept as add_time). An attachment-only note has no text; Pipedrive needs content, so it gets a
 * short placeholder and a warning (the files themselves go with the file service).
 */
public final class NoteToNote extends ObjectTransformer {

    private final String table;

    public NoteToNote(String table) {
        this.table = table;
    }

    @Override
    public String table() {
        return table;
    }

    /** A note becomes a note, and in the FILES phase its attachments become files. */
    @Override
    public String object(Phase phase) {
        return phase == Phase.FILES ? "file" : "note";
    }

    @Override
    public String marker(String sourceId, Phase phase) {
        return phase == Phase.FILES ? table + ":" + sourceId + ":file" : table + ":" + sourceId;
    }

    /** A deleted note in the FILES phase: every file of the note goes (the loader knows how many it created). */
    @Override
    public TransformOutcome deleted(String sourceId, Phase phase, TransformRun run) {
        if (phase != Phase.FILES) {
            return super.deleted(sourceId, phase, run);
        }
        return TransformOutcome.of(Verdicts.delete(table, sourceId, "file", marker(sourceId, phase),
                java.util.List.of("every file created for the attachments of " + table + " " + sourceId
                        + " (markers " + table + ":" + sourceId + ":file:<n>)"), run.mapVersion()));
    }

    @Override
    public TransformOutcome transform(String sourceId, JsonNode row, Phase phase, ObjectMapping mapping, TransformRun run) {
        if (phase == Phase.FILES) {
            return NoteAttachmentsToFiles.files(table, sourceId, row, run);
        }
        MappedRecordDraft note = applyLines(sourceId, row, mapping, "note", run);
        if (!note.payload().has("content") && !note.rejected()) {
            JsonNode attachments = row.get("attachments");
            if (attachments != null && attachments.isArray() && !attachments.isEmpty()) {
                note.payload().put("content", "<p>(attachments only)</p>");
                note.warn("ATTACHMENT_ONLY_NOTE", "text", "the note has no text; content is a placeholder");
            } else {
                note.reject("text", "EMPTY_NOTE", "the note has neither text nor attachments");
            }
        }
        if (note.rejected()) {
            return reject(note, row, run);
        }
        return TransformOutcome.of(note.toMapped(table + ":" + sourceId, run.mapVersion()));
    }
}

package io.atomicmigrate.mapper.service.transform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atomicmigrate.common.events.payload.RecordMapped;
import io.atomicmigrate.common.events.payload.RecordRejected;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a note's attachments become Pipedrive Files (FILES phase). Pipedrive files cannot hang
 * on a note, so each goes on the note's person (contact notes) or deal (deal notes). The payload
 * tells the file service where the bytes are: the bucket object ({@code path}) when the file is
 * in Supabase Storage, else the external URL a failed JSON import left behind (ATOMIC_CRM.md §3.4).
 */
final class NoteAttachmentsToFiles {

    private static final String BUCKET_MARKER = "/storage/v1/object/public/attachments/";

    private NoteAttachmentsToFiles() {
    }

    static TransformOutcome files(String table, String sourceId, JsonNode row, TransformRun run) {
        boolean contactNote = table.equals("contact_notes");
        String parentTable = contactNote ? "contacts" : "deals";
        String parentField = contactNote ? "person_id" : "deal_id";
        JsonNode parentId = row.get(contactNote ? "contact_id" : "deal_id");
        JsonNode attachments = row.get("attachments");
        List<RecordMapped> files = new ArrayList<>();
        String fileMarker = table + ":" + sourceId + ":file";
        if (attachments == null || !attachments.isArray() || attachments.isEmpty()) {
            return TransformOutcome.of(Verdicts.skip(table, sourceId, "file", fileMarker, table + " " + sourceId
                    + " has no attachment; nothing to move in the FILES phase", run.mapVersion()));
        }
        if (parentId == null || parentId.isNull()) {
            // the files exist but have nowhere to go: a loss, so a rejection a person sees, not a skip
            return TransformOutcome.rejected(new RecordRejected(table, sourceId, List.of(new RecordRejected.Reason(
                    contactNote ? "contact_id" : "deal_id", "FILE_WITHOUT_PARENT", "the note names no "
                            + (contactNote ? "contact" : "deal") + "; Pipedrive files need a person or a deal")),
                    row, run.mapVersion()));
        }
        List<RecordRejected.Reason> problems = new ArrayList<>();
        int index = 0;
        for (JsonNode element : attachments) {
            index++;
            String marker = table + ":" + sourceId + ":file:" + index;
            MappedRecordDraft file = new MappedRecordDraft(table, sourceId, "file");
            if (element == null || !element.isObject()) {
                continue; // nothing to move: an empty array slot
            }
            String src = element.path("src").asText(null);
            String path = element.path("path").asText(null);
            if (path == null && src != null && src.contains(BUCKET_MARKER)) {
                path = src.substring(src.indexOf(BUCKET_MARKER) + BUCKET_MARKER.length());
            }
            if (path == null && src == null) {
                problems.add(new RecordRejected.Reason("attachments",
                        "NO_FILE_LOCATION", "attachment " + index + " ('" + element.path("title").asText("") + "') has"
                                + " neither path nor src; there is no file to move"));
                continue;
            }
            ObjectNode payload = file.payload();
            String title = element.path("title").asText("");
            payload.put("file_name", title.isBlank() ? (path != null ? path : "attachment-" + index) : title);
            String symbol = SymbolicReferences.of(parentTable, parentId.asText());
            payload.put(parentField, symbol);
            file.reference(parentField, parentTable, parentId.asText(), symbol);
            ObjectNode source = payload.putObject("source");
            if (path != null) {
                source.put("bucket", "attachments").put("path", path);
            } else {
                source.put("url", src);
                file.warn("EXTERNAL_FILE", "attachments", "attachment " + index + " is not in the bucket (a failed"
                        + " import kept its external URL); the file service fetches it from there");
            }
            String type = element.path("type").asText("");
            if (!type.isBlank()) {
                source.put("mime_type", type);
            }
            RecordMapped m = file.toMapped(marker, run.mapVersion());
            files.add(new RecordMapped(m.sourceTable(), m.sourceId(), m.object(), m.dedupKey(), m.payload(),
                    m.references(), m.warnings(), m.mapVersion(), marker));
        }
        if (files.isEmpty()) {
            return problems.isEmpty()
                    ? TransformOutcome.of(Verdicts.skip(table, sourceId, "file", fileMarker, table + " " + sourceId
                            + " has only empty attachment slots; nothing to move in the FILES phase", run.mapVersion()))
                    : TransformOutcome.rejected(new RecordRejected(table, sourceId, problems, row, run.mapVersion()));
        }
        if (problems.isEmpty()) {
            return new TransformOutcome(files, null);
        }
        // One verdict per row: the files that can move are mapped, and each says which attachment
        // of the same note could not (a documented loss) instead of a second, rejected verdict.
        List<RecordMapped> warned = new ArrayList<>(files.size());
        for (RecordMapped f : files) {
            List<String> warnings = new ArrayList<>(f.warnings());
            problems.forEach(p -> warnings.add(p.code() + " " + p.field() + ": " + p.message()));
            warned.add(new RecordMapped(f.sourceTable(), f.sourceId(), f.object(), f.dedupKey(), f.payload(),
                    f.references(), List.copyOf(warnings), f.mapVersion(), f.marker()));
        }
        return new TransformOutcome(warned, null);
    }
}

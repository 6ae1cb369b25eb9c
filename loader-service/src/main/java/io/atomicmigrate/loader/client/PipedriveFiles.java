package io.atomicmigrate.loader.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.jboss.resteasy.reactive.client.api.ClientMultipartForm;

/**
 * Pipedrive Files (v1 only, PIPEDRIVE.md §3.13) for one account: upload, list, delete, each under the
 * shared budget ({@code addFile} 10 tokens, {@code getFiles} 20 per page, {@code deleteFile} 6) with
 * the account's token header and typed errors, like every other call.
 *
 * <p>The upload body is streamed: the file part is a path on disk that the Vert.x client reads in
 * chunks while it writes the request, so a large attachment is never held in memory (the file-service
 * spools a Supabase Storage object to a temporary file, then hands it over), and the request may take
 * up to {@code loader.client.upload-timeout} (the read timeout of other calls would cut a large upload
 * short). An {@code InputStream}
 * part is not used: Quarkus's REST client hangs on large ones (quarkusio/quarkus#47884).
 *
 * <p>A file has no marker field and {@code POST /v1/files} is not idempotent: a caller that got no
 * answer must look for the file (parent, name, size) before sending it again.
 */
public final class PipedriveFiles {

    /** {@code GET /v1/files} serves at most 100 per page (PIPEDRIVE.md §1.6). */
    public static final int MAX_PAGE = 100;

    private final PipedriveAccount account;

    public PipedriveFiles(PipedriveAccount account) {
        this.account = Objects.requireNonNull(account);
    }

    /** What a file is attached to: one of Pipedrive's parent parameters and its id (a UUID for leads). */
    public record Parent(String parameter, String id) {

        public Parent {
            if (!List.of("deal_id", "person_id", "org_id", "activity_id", "lead_id").contains(parameter)) {
                throw new IllegalArgumentException("a file is attached by deal_id, person_id, org_id, activity_id or lead_id, not "
                        + parameter);
            }
            Objects.requireNonNull(id, "parent id");
        }

        public static Parent deal(long id) {
            return new Parent("deal_id", Long.toString(id));
        }

        public static Parent person(long id) {
            return new Parent("person_id", Long.toString(id));
        }

        public static Parent organization(long id) {
            return new Parent("org_id", Long.toString(id));
        }

        public static Parent activity(long id) {
            return new Parent("activity_id", Long.toString(id));
        }

        public static Parent lead(String uuid) {
            return new Parent("lead_id", uuid);
        }
    }

    /**
     * Uploads {@code file} as {@code fileName} ({@code contentType}, e.g. {@code application/pdf}) and
     * attaches it to {@code parents} (none, or several: a file may belong to a deal and its person).
     * Returns the file entity ({@code id}, {@code file_size}, {@code url}, ...).
     */
    public JsonNode upload(Path file, String fileName, String contentType, Parent... parents) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("not a readable file: " + file);
        }
        if (fileName == null || fileName.isBlank()) {
            throw new IllegalArgumentException("a file needs a name");
        }
        String type = contentType == null || contentType.isBlank() ? "application/octet-stream" : contentType;
        return Envelopes.data(account.call("addFile", () -> {
            // built per attempt: a form is consumed when it is sent
            ClientMultipartForm form = ClientMultipartForm.create()
                    .binaryFileUpload("file", fileName, file.toAbsolutePath().toString(), type);
            for (Parent p : parents) {
                form.attribute(p.parameter(), p.id(), null);
            }
            return account.files().add(form);
        }));
    }

    /** Every live file of the account, page by page. */
    public List<JsonNode> list() {
        return Envelopes.allV1(start -> account.call("getFiles", () -> account.files().list(start, MAX_PAGE, "id ASC")));
    }

    /** Marks a file deleted; a 404 (no such file, or deleted already) is a {@link PipedriveRejectedException}. */
    public void delete(long id) {
        Envelopes.data(account.call("deleteFile", () -> account.files().delete(id)));
    }
}

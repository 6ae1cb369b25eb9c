package io.atomicmigrate.sandbox.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atomicmigrate.sandbox.config.Behaviour;
import io.atomicmigrate.sandbox.repository.Account;
import io.atomicmigrate.sandbox.repository.StoredEntity;

import java.util.List;
import java.util.Map;

/**
 * v1 files (PIPEDRIVE.md 3.13): one multipart file per call with optional parent ids (no note_id,
 * no add_time), name/description updates, soft delete, download of the exact bytes.
 */
public final class FileService {
    private static final List<String> PARENTS = List.of("deal_id", "person_id", "org_id", "product_id", "activity_id", "project_id");

    private final SandboxClock clock;
    private final Behaviour behaviour;

    public FileService(SandboxClock clock, Behaviour behaviour) {
        this.clock = clock;
        this.behaviour = behaviour;
    }

    /** {@code fields} are the non-file form attributes. */
    public StoredEntity add(Caller c, String fileName, String contentType, byte[] bytes, Map<String, String> fields, String baseUrl) {
        Account a = c.account();
        for (String k : fields.keySet()) {
            if (!PARENTS.contains(k) && !k.equals("lead_id")) {
                throw ApiException.badRequest("Parameter '" + k + "' is not allowed for this request");
            }
        }
        ObjectNode form = Json.object();
        fields.forEach(form::put);
        V1Values.existing(form, "deal_id", a.deals, "Deal");
        V1Values.existing(form, "person_id", a.persons, "Person");
        V1Values.existing(form, "org_id", a.organizations, "Organization");
        V1Values.existing(form, "activity_id", a.activities, "Activity");
        String lead = V1Values.text(form, "lead_id");
        if (lead != null && a.leads.findLive(lead).isEmpty()) {
            throw ApiException.notFound("Lead not found");
        }
        ObjectNode d = Json.object();
        d.put("user_id", c.userId());
        for (String p : PARENTS) {
            Long v = V1Values.id(form, p);
            if (v == null) {
                d.putNull(p);
            } else {
                d.put(p, v);
            }
        }
        d.put("lead_id", lead);
        d.putNull("log_id");
        d.put("file_name", fileName);
        int dot = fileName.lastIndexOf('.');
        d.put("file_type", dot < 0 ? "other" : fileName.substring(dot + 1).toLowerCase());
        d.put("file_size", bytes.length);
        d.put("active_flag", true);
        d.put("inline_flag", false);
        d.put("remote_location", "s3");
        d.put("cid", "");
        d.put("s3_bucket", "");
        d.put("mail_message_id", "");
        d.put("mail_template_id", "");
        d.put("deal_name", a.deals.find(d.path("deal_id").asLong(-1)).map(x -> x.data.path("title").asText()).orElse(""));
        d.put("person_name", a.persons.find(d.path("person_id").asLong(-1)).map(x -> x.data.path("name").asText()).orElse(""));
        d.put("org_name", a.organizations.find(d.path("org_id").asLong(-1)).map(x -> x.data.path("name").asText()).orElse(""));
        d.put("product_name", "");
        d.put("lead_name", lead == null ? "" : a.leads.find(lead).map(x -> x.data.path("title").asText()).orElse(""));
        d.put("name", fileName);
        d.put("description", "");
        d.put("content_type", contentType);
        StoredEntity e = a.files.insertNumbered(d);
        d.put("remote_id", "sandbox/" + a.companyId + "/" + e.id);
        d.put("url", baseUrl + "/v1/files/" + e.id + "/download");
        a.fileContents.put(e.id, bytes);
        e.addTime = clock.nowSeconds();
        e.updateTime = e.addTime;
        return e;
    }

    public StoredEntity update(Caller c, String id, Map<String, String> form) {
        StoredEntity e = live(c, id);
        for (String k : form.keySet()) {
            if (!k.equals("name") && !k.equals("description")) {
                throw ApiException.badRequest("Parameter '" + k + "' is not allowed for this request");
            }
        }
        if (form.containsKey("name")) {
            if (form.get("name").isBlank()) {
                throw ApiException.badRequest("Parameter 'name' must not be empty");
            }
            e.data.put("name", form.get("name"));
        }
        if (form.containsKey("description")) {
            e.data.put("description", form.get("description"));
        }
        e.updateTime = clock.nowSeconds();
        return e;
    }

    public StoredEntity delete(Caller c, String id) {
        StoredEntity e = live(c, id);
        e.deletedAt = clock.nowSeconds();
        e.updateTime = e.deletedAt;
        e.data.put("active_flag", false);
        return e;
    }

    public StoredEntity get(Caller c, String id) {
        StoredEntity e = c.account().files.find(id).orElseThrow(() -> ApiException.notFound("File not found"));
        if (e.isDeleted() && behaviour.deletedGetIs404) {
            throw ApiException.notFound("File not found");
        }
        return e;
    }

    public byte[] content(Caller c, String id) {
        StoredEntity e = live(c, id);
        return c.account().fileContents.get(e.id);
    }

    private StoredEntity live(Caller c, String id) {
        return c.account().files.findLive(id).orElseThrow(() -> ApiException.notFound("File not found"));
    }

    public Page list(Caller c, Query q) {
        List<StoredEntity> rows = c.account().files.where(e -> !e.isDeleted());
        return Page.v1(rows, q, 100, behaviour);
    }

    public static ObjectNode render(StoredEntity e) {
        ObjectNode o = e.data.deepCopy();
        o.remove("content_type");
        o.put("add_time", Timestamps.v1(e.addTime));
        o.put("update_time", Timestamps.v1(e.updateTime));
        return o;
    }
}

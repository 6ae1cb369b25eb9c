package io.atomicmigrate.sandbox.repository;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atomicmigrate.sandbox.config.AccountSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;

/**
 * Optional persistence across restarts: the whole repository as one JSON file, written atomically
 * (temp file + move). Rate-limit windows and counters are runtime state and are not kept.
 */
public final class SnapshotStore {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final Path file;
    private final long seed;

    public SnapshotStore(Path file, long seed) {
        this.file = file;
        this.seed = seed;
    }

    public boolean exists() {
        return Files.isRegularFile(file);
    }

    public synchronized void save(AccountRepository repository) throws IOException {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ArrayNode accounts = root.putArray("accounts");
        for (Account a : repository.all()) {
            a.lock.lock();
            try {
                accounts.add(write(a));
            } finally {
                a.lock.unlock();
            }
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        MAPPER.writeValue(tmp.toFile(), root);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    public void load(AccountRepository repository) throws IOException {
        JsonNode root = MAPPER.readTree(file.toFile());
        for (JsonNode n : root.path("accounts")) {
            repository.save(read(n));
        }
    }

    private static ObjectNode write(Account a) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("company_id", a.companyId);
        o.set("spec", MAPPER.valueToTree(a.spec));
        o.put("open", a.open);
        o.put("open_deals_cap", a.openDealsCap).put("custom_fields_cap", a.customFieldsCap)
                .put("activity_types_cap", a.activityTypesCap);
        o.put("last_field_id", a.lastFieldId).put("last_option_id", a.lastOptionId);
        ObjectNode tokens = o.putObject("tokens");
        a.tokens.forEach((t, g) -> tokens.putObject(t).put("user_id", g.userId()).put("oauth", g.oauth()));
        ObjectNode tables = o.putObject("tables");
        for (EntityTable t : a.tables()) {
            ObjectNode table = tables.putObject(t.type()).put("last_id", t.lastId());
            ArrayNode rows = table.putArray("rows");
            for (StoredEntity e : t.all()) {
                ObjectNode r = rows.addObject().put("id", e.id).put("key", e.key);
                r.set("data", e.data);
                ObjectNode custom = r.putObject("custom");
                e.customFields.forEach(custom::set);
                r.put("add_time", str(e.addTime)).put("update_time", str(e.updateTime)).put("deleted_at", str(e.deletedAt));
            }
        }
        ObjectNode fields = o.putObject("fields");
        a.fields.forEach((entity, list) -> {
            ArrayNode arr = fields.putArray(entity);
            for (FieldDefinition f : list) {
                ObjectNode x = arr.addObject().put("id", f.id).put("code", f.code).put("name", f.name).put("type", f.type)
                        .put("custom", f.custom).put("deleted", f.deleted).put("description", f.description)
                        .put("add_time", str(f.addTime)).put("update_time", str(f.updateTime));
                ArrayNode opts = x.putArray("options");
                f.options.forEach(op -> opts.addObject().put("id", op.id).put("label", op.label).put("color", op.color)
                        .put("add_time", str(op.addTime)).put("update_time", str(op.updateTime)));
            }
        });
        ObjectNode files = o.putObject("file_contents");
        a.fileContents.forEach((id, bytes) -> files.put(Long.toString(id), Base64.getEncoder().encodeToString(bytes)));
        return o;
    }

    private Account read(JsonNode o) throws IOException {
        AccountSpec spec = MAPPER.treeToValue(o.get("spec"), AccountSpec.class);
        Account a = new Account(o.get("company_id").asLong(), spec, seed);
        a.open = o.path("open").asBoolean(true);
        a.openDealsCap = o.path("open_deals_cap").isNull() ? null : o.path("open_deals_cap").asInt();
        a.customFieldsCap = o.path("custom_fields_cap").isNull() ? null : o.path("custom_fields_cap").asInt();
        a.activityTypesCap = o.path("activity_types_cap").isNull() ? null : o.path("activity_types_cap").asInt();
        a.lastFieldId = o.path("last_field_id").asLong();
        a.lastOptionId = o.path("last_option_id").asLong();
        for (Iterator<Map.Entry<String, JsonNode>> it = o.path("tokens").fields(); it.hasNext(); ) {
            var e = it.next();
            a.tokens.put(e.getKey(), new Account.TokenGrant(e.getValue().path("user_id").asLong(), e.getValue().path("oauth").asBoolean()));
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = o.path("tables").fields(); it.hasNext(); ) {
            var e = it.next();
            EntityTable t = a.table(e.getKey());
            for (JsonNode r : e.getValue().path("rows")) {
                StoredEntity s = new StoredEntity(r.path("id").asLong(), r.path("key").asText(), (ObjectNode) r.get("data"));
                r.path("custom").fields().forEachRemaining(c -> s.customFields.put(c.getKey(), c.getValue()));
                s.addTime = time(r.get("add_time"));
                s.updateTime = time(r.get("update_time"));
                s.deletedAt = time(r.get("deleted_at"));
                t.restore(s);
            }
            t.advanceLastId(e.getValue().path("last_id").asLong());
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = o.path("fields").fields(); it.hasNext(); ) {
            var e = it.next();
            var list = a.fields.computeIfAbsent(e.getKey(), k -> new java.util.ArrayList<>());
            list.clear();
            for (JsonNode x : e.getValue()) {
                FieldDefinition f = new FieldDefinition(x.path("id").asLong(), e.getKey(), x.path("code").asText(),
                        x.path("name").asText(), x.path("type").asText(), x.path("custom").asBoolean());
                f.deleted = x.path("deleted").asBoolean();
                f.description = x.path("description").isNull() ? null : x.path("description").asText();
                f.addTime = time(x.get("add_time"));
                f.updateTime = time(x.get("update_time"));
                for (JsonNode op : x.path("options")) {
                    FieldDefinition.FieldOption opt = new FieldDefinition.FieldOption(op.path("id").asLong(),
                            op.path("label").asText(), op.path("color").isNull() ? null : op.path("color").asText(), time(op.get("add_time")));
                    opt.updateTime = time(op.get("update_time"));
                    f.options.add(opt);
                }
                list.add(f);
            }
        }
        o.path("file_contents").fields().forEachRemaining(e ->
                a.fileContents.put(Long.parseLong(e.getKey()), Base64.getDecoder().decode(e.getValue().asText())));
        return a;
    }

    private static String str(Instant t) {
        return t == null ? null : t.toString();
    }

    private static Instant time(JsonNode n) {
        return n == null || n.isNull() ? null : Instant.parse(n.asText());
    }
}

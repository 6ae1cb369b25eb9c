package io.atomicmigrate.mapper.service.transform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.atomicmigrate.common.map.ActivityTypeMapping;
import io.atomicmigrate.common.map.FieldLine;
import io.atomicmigrate.common.map.FieldType;
import io.atomicmigrate.common.map.PipelineMapping;
import io.atomicmigrate.common.map.StageMapping;
import io.atomicmigrate.common.map.Target;
import io.atomicmigrate.mapper.service.values.EmailAddresses;
import io.atomicmigrate.mapper.service.values.MarkdownToHtml;
import io.atomicmigrate.mapper.service.values.NearestPipedriveColour;
import io.atomicmigrate.mapper.service.values.TextLimit;
import io.atomicmigrate.mapper.service.values.UtcTimestamps;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Applies one map line to one source row: reads the source column(s), runs the named transform
 * and writes the result to the line's target. Problems become warnings (the value is dropped or
 * changed, and the record says so) or reasons to reject the row, never silence.
 */
public final class FieldLineApplier {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    /** Pipedrive note content limit (PIPEDRIVE.md §3.6). */
    static final int NOTE_CONTENT_MAX = 100_000;
    private static final Set<String> TEXT_255_FIELDS = Set.of("name", "title", "subject", "website", "linkedin");

    private final MapLookups lookups;
    private final KnownSourceIds known;

    public FieldLineApplier(MapLookups lookups, KnownSourceIds known) {
        this.lookups = lookups;
        this.known = known;
    }

    public void apply(FieldLine line, JsonNode row, MappedRecordDraft out) {
        JsonNode value = source(row, line.source());
        String field = line.source();
        switch (line.transform().kind()) {
            case NONE -> {
            }
            case TEXT -> text(line, field, value, out);
            case FULL_NAME -> fullName(line, row, out);
            case EMAILS -> emails(line, field, value, out);
            case PHONES -> phones(line, value, out);
            case REFERENCE -> reference(line, field, value, out);
            case OWNER -> owner(line, field, value, out);
            case TAG_LABELS -> tagLabels(line, field, value, out);
            case TIMESTAMP_UTC -> timestamp(line, field, value, out);
            case DATE -> date(line, field, value, out);
            case MARKDOWN_TO_HTML -> markdown(line, row, out);
            case CONFIG_OPTION, CODE_MAP -> code(line, field, value, out);
            case NUMBER -> number(line, field, value, out);
            case BOOLEAN_OPTION -> {
                if (value.isBoolean()) {
                    out.write(line.target(), TextNode.valueOf(value.booleanValue()
                            ? line.transform().param("yes", "Yes") : line.transform().param("no", "No")));
                } else {
                    missing(line, field, out);
                }
            }
            case ADDRESS -> address(line, row, out);
            case IMAGE_URL -> imageUrl(line, field, value, out);
            case JSON_TEXT -> jsonText(line, field, value, out);
            case ARRAY_OPTIONS -> arrayOptions(line, field, value, out);
            case DEAL_PIPELINE -> {
                PipelineMapping p = pipelineOf(row, out);
                if (p != null) {
                    String symbol = SymbolicReferences.pipeline(p.pipeline());
                    out.write(line.target(), TextNode.valueOf(symbol));
                    out.reference(line.target().field(), "pipelines", p.category(), symbol);
                }
            }
            case DEAL_STAGE -> dealStage(line, field, value, row, out);
            case DEAL_CONTACTS -> dealContacts(line, field, value, out);
            case ARCHIVED -> {
                if (!value.isNull()) {
                    Instant at = instant(line, field, value, out);
                    out.payload().put("is_archived", true);
                    if (at != null) {
                        out.payload().put("archive_time", UtcTimestamps.v1(at));
                    }
                }
            }
            case ACTIVITY_TYPE -> activityType(line, field, value, out);
            case DUE_DATE_TIME -> {
                if (!value.isNull()) {
                    Instant at = instant(line, field, value, out);
                    if (at != null) {
                        out.payload().put("due_date", UtcTimestamps.utcDate(at));
                        out.payload().put("due_time", UtcTimestamps.utcTime(at));
                    }
                } else {
                    missing(line, field, out);
                }
            }
            case DONE_FLAG -> out.write(line.target(), F.booleanNode(!value.isNull()));
            case NEAREST_COLOUR -> colour(line, field, value, out);
        }
    }

    static JsonNode source(JsonNode row, String column) {
        if (column == null) {
            return F.nullNode();
        }
        JsonNode v = row.get(column);
        return v == null ? F.nullNode() : v;
    }

    /** A required line without a value rejects the row; an optional one writes nothing. */
    private static void missing(FieldLine line, String field, MappedRecordDraft out) {
        if (line.required()) {
            out.reject(field, "REQUIRED_VALUE_MISSING", "'" + field + "' is empty, and the map says "
                    + describe(line.target()) + " is required");
        }
    }

    /** A value the transform cannot use: reject when required or when the map says so, else warn and drop. */
    private static void unusable(FieldLine line, String field, String code, String message, MappedRecordDraft out) {
        if (line.required()) {
            out.reject(field, code, message);
        } else {
            out.warn(code, field, message + "; value not migrated");
        }
    }

    static String describe(Target t) {
        return switch (t.kind()) {
            case STANDARD -> "Pipedrive field '" + t.field() + "'";
            case CUSTOM -> "custom field '" + t.custom().name() + "'";
            case LOSS -> "nothing (documented loss)";
        };
    }

    private static String textOf(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return null;
        }
        String s = v.isTextual() ? v.textValue() : v.isValueNode() ? v.asText() : v.toString();
        s = s.strip();
        return s.isEmpty() ? null : s;
    }

    /** The longest text the target holds: explicit parameter, the custom type's limit, or Pipedrive's 255 for names. */
    private static int maxLength(FieldLine line) {
        String p = line.transform().params().get("maxLength");
        if (p != null) {
            return Integer.parseInt(p.trim());
        }
        Target t = line.target();
        if (t.kind() == Target.TargetKind.CUSTOM && t.custom().type().maxLength() > 0) {
            return t.custom().type().maxLength();
        }
        if (t.kind() == Target.TargetKind.STANDARD && TEXT_255_FIELDS.contains(t.field())) {
            return 255;
        }
        return Integer.MAX_VALUE;
    }

    /** Cuts or rejects an over-long value, as the line's {@code onOverflow} says (truncate by default). */
    private static String fit(FieldLine line, String field, String text, int max, MappedRecordDraft out) {
        int length = TextLimit.length(text);
        if (length <= max) {
            return text;
        }
        if ("reject".equals(line.transform().param("onOverflow", "truncate"))) {
            out.reject(field, "VALUE_TOO_LONG", "'" + field + "' has " + length + " characters; "
                    + describe(line.target()) + " holds " + max + " and the map says reject");
            return null;
        }
        out.warn("TRUNCATED", field, "cut from " + length + " to " + max + " characters to fit " + describe(line.target()));
        return TextLimit.truncate(text, max);
    }

    private void text(FieldLine line, String field, JsonNode value, MappedRecordDraft out) {
        String text = textOf(value);
        if (text == null) {
            missing(line, field, out);
            return;
        }
        String fitted = fit(line, field, text, maxLength(line), out);
        if (fitted != null) {
            out.write(line.target(), TextNode.valueOf(fitted));
        }
    }

    private void fullName(FieldLine line, JsonNode row, MappedRecordDraft out) {
        StringBuilder name = new StringBuilder();
        for (String column : line.sources()) {
            String part = textOf(source(row, column));
            if (part != null) {
                if (name.length() > 0) {
                    name.append(' ');
                }
                name.append(part);
            }
        }
        if (name.length() == 0) {
            if (line.required()) {
                out.reject(String.join("+", line.sources()), "NO_NAME",
                        "both " + String.join(" and ", line.sources()) + " are empty; Pipedrive needs a name");
            }
            return;
        }
        String fitted = fit(line, String.join("+", line.sources()), name.toString(), maxLength(line), out);
        if (fitted != null) {
            out.write(line.target(), TextNode.valueOf(fitted));
        }
    }

    private static String label(JsonNode element, Set<String> allowed) {
        String type = textOf(element.get("type"));
        String l = type == null ? "other" : type.toLowerCase(Locale.ROOT);
        return allowed.contains(l) ? l : "other";
    }

    private static final Set<String> EMAIL_LABELS = Set.of("work", "home", "other");
    private static final Set<String> PHONE_LABELS = Set.of("work", "home", "mobile", "other");

    private void emails(FieldLine line, String field, JsonNode value, MappedRecordDraft out) {
        ArrayNode emails = F.arrayNode();
        Set<String> seen = new HashSet<>();
        boolean reject = "reject".equals(line.transform().param("onInvalid", "drop"));
        // Before 2025 the address was a plain text column; read it as one "Other" address.
        Iterable<JsonNode> elements = value.isTextual() ? List.of(F.objectNode().put("email", value.textValue()))
                : value.isArray() ? value : List.of();
        for (JsonNode element : elements) {
            if (element == null || !element.isObject()) {
                continue; // the lowercasing trigger turns a null email into a JSON null element
            }
            String email = EmailAddresses.canonical(textOf(element.get("email")));
            if (email == null) {
                continue;
            }
            if (!EmailAddresses.isValid(email)) {
                String message = "'" + email + "' is not an e-mail address";
                if (reject) {
                    out.reject(field, "INVALID_EMAIL", message);
                } else {
                    out.warn("INVALID_EMAIL", field, message + "; address dropped");
                }
                continue;
            }
            if (seen.add(email)) {
                ObjectNode e = emails.addObject();
                e.put("value", email);
                e.put("label", label(element, EMAIL_LABELS));
                e.put("primary", emails.size() == 1);
            }
        }
        if (emails.isEmpty()) {
            missing(line, field, out);
        } else {
            out.write(line.target(), emails);
        }
    }

    private void phones(FieldLine line, JsonNode value, MappedRecordDraft out) {
        if (!value.isArray()) {
            return;
        }
        ArrayNode phones = F.arrayNode();
        for (JsonNode element : value) {
            if (element == null || !element.isObject()) {
                continue;
            }
            String number = textOf(element.get("number"));
            if (number == null) {
                continue;
            }
            ObjectNode p = phones.addObject();
            p.put("value", TextLimit.truncate(number, 255));
            p.put("label", label(element, PHONE_LABELS));
            p.put("primary", phones.size() == 1);
        }
        if (!phones.isEmpty()) {
            out.write(line.target(), phones);
        }
    }

    private void reference(FieldLine line, String field, JsonNode value, MappedRecordDraft out) {
        String id = textOf(value);
        if (id == null) {
            missing(line, field, out);
            return;
        }
        String table = line.transform().param("table", null);
        if (Boolean.FALSE.equals(known.contains(table, id))) {
            unusable(line, field, "DANGLING_REFERENCE", field + " " + id + " points at no row of " + table, out);
            return;
        }
        String symbol = SymbolicReferences.of(table, id);
        out.write(line.target(), TextNode.valueOf(symbol));
        out.reference(fieldName(line), table, id, symbol);
    }

    private static String fieldName(FieldLine line) {
        Target t = line.target();
        return t.kind() == Target.TargetKind.CUSTOM ? "custom_fields." + t.custom().name() : t.field();
    }

    private void owner(FieldLine line, String field, JsonNode value, MappedRecordDraft out) {
        String id = textOf(value);
        if (id == null) {
            return; // no owner: Pipedrive makes the loader's user the owner
        }
        if (Boolean.FALSE.equals(known.contains("sales", id))) {
            out.warn("DANGLING_OWNER", field, "sales " + id + " does not exist (tasks.sales_id has no foreign key);"
                    + " the record gets the default owner");
            return;
        }
        String symbol = SymbolicReferences.of("sales", id);
        out.write(line.target(), TextNode.valueOf(symbol));
        out.reference(fieldName(line), "sales", id, symbol);
    }

    private void tagLabels(FieldLine line, String field, JsonNode value, MappedRecordDraft out) {
        if (!value.isArray() || value.isEmpty()) {
            return;
        }
        ArrayNode labels = F.arrayNode();
        Set<String> seen = new HashSet<>();
        for (JsonNode tag : value) {
            String id = textOf(tag);
            if (id == null || !seen.add(id)) {
                continue;
            }
            if (Boolean.FALSE.equals(known.contains("tags", id))) {
                out.warn("DANGLING_TAG", field, "tag " + id + " does not exist (deleted; contacts.tags has no foreign key)");
                continue;
            }
            String symbol = SymbolicReferences.of("tags", id);
            out.reference(fieldName(line) + "[" + labels.size() + "]", "tags", id, symbol);
            labels.add(symbol);
        }
        if (!labels.isEmpty()) {
            out.write(line.target(), labels);
        }
    }

    private static Instant instant(FieldLine line, String field, JsonNode value, MappedRecordDraft out) {
        try {
            return UtcTimestamps.parse(value.asText());
        } catch (IllegalArgumentException e) {
            unusable(line, field, "INVALID_TIMESTAMP", e.getMessage(), out);
            return null;
        }
    }

    private void timestamp(FieldLine line, String field, JsonNode value, MappedRecordDraft out) {
        if (value.isNull()) {
            missing(line, field, out);
            return;
        }
        Instant at = instant(line, field, value, out);
        if (at != null) {
            String format = line.transform().param("format", "rfc3339");
            out.write(line.target(), TextNode.valueOf("pipedrive-v1".equals(format) ? UtcTimestamps.v1(at)
                    : UtcTimestamps.rfc3339(at)));
        }
    }

    private void date(FieldLine line, String field, JsonNode value, MappedRecordDraft out) {
        if (value.isNull()) {
            missing(line, field, out);
            return;
        }
        Instant at = instant(line, field, value, out);
        if (at != null) {
            out.write(line.target(), TextNode.valueOf(UtcTimestamps.utcDate(at)));
        }
    }

    private void markdown(FieldLine line, JsonNode row, MappedRecordDraft out) {
        String field = line.source();
        String text = textOf(source(row, field));
        String prefix = null;
        if (line.sources().size() > 1 && "prefix".equals(lookups.map().noteStatuses().handling())) {
            String status = textOf(source(row, line.sources().get(1)));
            if (status != null) {
                prefix = lookups.map().noteStatuses().statusLabels().getOrDefault(status, status);
            }
        }
        if (text == null) {
            missing(line, field, out);
            return;
        }
        String html = MarkdownToHtml.render(text);
        if (prefix != null) {
            html = "<p><b>Status: " + MarkdownToHtml.escape(prefix) + "</b></p>\n" + html;
        }
        int max = line.transform().params().containsKey("maxLength")
                ? Integer.parseInt(line.transform().params().get("maxLength")) : NOTE_CONTENT_MAX;
        String fitted = fit(line, field, html, max, out);
        if (fitted != null) {
            out.write(line.target(), TextNode.valueOf(fitted));
        }
    }

    private void code(FieldLine line, String field, JsonNode value, MappedRecordDraft out) {
        String raw = textOf(value);
        if (raw == null) {
            missing(line, field, out);
            return;
        }
        Map<String, String> table = lookups.codeTable(line);
        String mapped = MapLookups.lookupCode(table, raw);
        if (mapped == null) {
            String policy = lookups.map().unknownValues() == null ? "add-option" : lookups.map().unknownValues().option();
            if ("reject".equals(policy)) {
                out.reject(field, "UNKNOWN_OPTION", "'" + raw + "' is not one of " + table.keySet()
                        + " and the map rejects unknown values");
                return;
            }
            out.warn("UNKNOWN_OPTION", field, "'" + raw + "' is not in the configuration; migrated as a new option");
            mapped = raw;
        }
        Target t = line.target();
        boolean numeric = t.kind() == Target.TargetKind.STANDARD && t.field().endsWith("_count")
                || t.kind() == Target.TargetKind.CUSTOM && t.custom().type() == FieldType.DOUBLE;
        if (numeric) {
            try {
                BigDecimal n = new BigDecimal(mapped);
                out.write(t, n.scale() <= 0 ? F.numberNode(n.longValueExact()) : F.numberNode(n));
            } catch (NumberFormatException e) {
                unusable(line, field, "NOT_A_NUMBER", "'" + mapped + "' is not a number", out);
            }
        } else {
            out.write(t, TextNode.valueOf(mapped));
        }
    }

    private void number(FieldLine line, String field, JsonNode value, MappedRecordDraft out) {
        if (value.isNull()) {
            missing(line, field, out);
            return;
        }
        BigDecimal n;
        try {
            n = value.isNumber() ? value.decimalValue()
                    : new BigDecimal(value.asText().trim().replaceAll("[\\s,]", ""));
        } catch (NumberFormatException e) {
            unusable(line, field, "NOT_A_NUMBER", "'" + abbreviate(value.asText()) + "' is not a number", out);
            return;
        }
        String currency = line.transform().param("currency", null);
        Target t = line.target();
        if (t.kind() == Target.TargetKind.CUSTOM && t.custom().type() == FieldType.MONETARY) {
            ObjectNode money = F.objectNode();
            money.put("value", n);
            money.put("currency", currency == null ? lookups.map().currency() : currency);
            out.write(t, money);
            return;
        }
        if (t.kind() == Target.TargetKind.STANDARD && t.field().equals("annual_revenue") || t.kind() == Target.TargetKind.STANDARD && t.field().endsWith("_count")) {
            out.write(t, F.numberNode(n.setScale(0, java.math.RoundingMode.HALF_UP).longValueExact()));
            return;
        }
        out.write(t, F.numberNode(n));
        if (currency != null && t.kind() == Target.TargetKind.STANDARD) {
            out.payload().put("currency", currency);
        }
    }

    private void address(FieldLine line, JsonNode row, MappedRecordDraft out) {
        // sources, by position: street, postal code, city, state, country (any may be absent)
        String[] parts = new String[5];
        for (int i = 0; i < Math.min(5, line.sources().size()); i++) {
            parts[i] = textOf(source(row, line.sources().get(i)));
        }
        StringBuilder value = new StringBuilder();
        appendPart(value, parts[0], ", ");
        String cityLine = join(" ", parts[1], parts[2]);
        appendPart(value, cityLine, ", ");
        appendPart(value, parts[3], ", ");
        appendPart(value, parts[4], ", ");
        if (value.length() == 0) {
            missing(line, line.source(), out);
            return;
        }
        ObjectNode address = F.objectNode();
        address.put("value", TextLimit.truncate(value.toString(), 255));
        putIf(address, "route", parts[0]);
        putIf(address, "postal_code", parts[1]);
        putIf(address, "locality", parts[2]);
        putIf(address, "admin_area_level_1", parts[3]);
        putIf(address, "country", parts[4]);
        out.write(line.target(), address);
    }

    private static void appendPart(StringBuilder sb, String part, String separator) {
        if (part != null && !part.isEmpty()) {
            if (sb.length() > 0) {
                sb.append(separator);
            }
            sb.append(part);
        }
    }

    private static String join(String separator, String a, String b) {
        if (a == null) {
            return b;
        }
        return b == null ? a : a + separator + b;
    }

    private static void putIf(ObjectNode node, String key, String value) {
        if (value != null) {
            node.put(key, value);
        }
    }

    private void imageUrl(FieldLine line, String field, JsonNode value, MappedRecordDraft out) {
        if (!value.isObject()) {
            return;
        }
        String src = textOf(value.get("src"));
        if (src == null) {
            return;
        }
        if ("ERROR".equals(src)) {
            out.warn("ERROR_AVATAR", field, "{\"src\":\"ERROR\"} is the avatar trigger's failure marker, not an image");
            return;
        }
        String title = textOf(value.get("title"));
        if (src.startsWith("data:")) {
            out.warn("INLINE_IMAGE", field, "an inline data: image cannot be a URL field");
            return;
        }
        if ("Company favicon".equals(title) || src.contains("gravatar.com/avatar/") || src.contains("favicon.show/")) {
            out.warn("GENERATED_IMAGE", field, "generated favicon/Gravatar URL, not user data");
            return;
        }
        String fitted = fit(line, field, src, maxLength(line), out);
        if (fitted != null) {
            out.write(line.target(), TextNode.valueOf(fitted));
        }
    }

    private void jsonText(FieldLine line, String field, JsonNode value, MappedRecordDraft out) {
        if (value.isNull() || value.isArray() && value.isEmpty()) {
            missing(line, field, out);
            return;
        }
        String text;
        if (value.isArray() && allScalars(value)) {
            StringBuilder sb = new StringBuilder();
            for (JsonNode v : value) {
                String s = textOf(v);
                if (s != null) {
                    sb.append(sb.length() == 0 ? "" : "\n").append(s);
                }
            }
            text = sb.toString();
        } else {
            text = value.isTextual() ? value.textValue() : value.toString();
        }
        if (text.isEmpty()) {
            return;
        }
        String fitted = fit(line, field, text, maxLength(line), out);
        if (fitted != null) {
            out.write(line.target(), TextNode.valueOf(fitted));
        }
    }

    private static boolean allScalars(JsonNode array) {
        for (JsonNode v : array) {
            if (v.isContainerNode()) {
                return false;
            }
        }
        return true;
    }

    private void arrayOptions(FieldLine line, String field, JsonNode value, MappedRecordDraft out) {
        if (!value.isArray() || value.isEmpty()) {
            missing(line, field, out);
            return;
        }
        Target t = line.target();
        if (t.kind() == Target.TargetKind.CUSTOM && t.custom().type() == FieldType.SET) {
            ArrayNode options = F.arrayNode();
            Set<String> allowed = new HashSet<>(t.custom().options());
            for (JsonNode v : value) {
                String s = textOf(v);
                if (s == null) {
                    continue;
                }
                if (!allowed.contains(s)) {
                    if ("reject".equals(lookups.map().unknownValues() == null ? "add-option"
                            : lookups.map().unknownValues().option())) {
                        out.reject(field, "UNKNOWN_OPTION", "'" + s + "' is not an option of " + describe(t));
                        return;
                    }
                    out.warn("UNKNOWN_OPTION", field, "'" + s + "' is not an option of " + describe(t) + "; added");
                }
                options.add(s);
            }
            out.write(t, options);
        } else {
            jsonText(line, field, value, out);
        }
    }

    private PipelineMapping pipelineOf(JsonNode row, MappedRecordDraft out) {
        String category = textOf(row.get("category"));
        if (category == null) {
            return lookups.defaultPipeline();
        }
        PipelineMapping p = lookups.pipeline(category);
        if (p != null) {
            return p;
        }
        if (lookups.map().unknownValues() != null && "reject".equals(lookups.map().unknownValues().category())) {
            out.reject("category", "UNKNOWN_CATEGORY", "category '" + category + "' is not in the configuration"
                    + " and the map rejects unknown categories");
            return null;
        }
        PipelineMapping fallback = lookups.defaultPipeline();
        if (fallback != null) {
            out.warn("UNKNOWN_CATEGORY", "category", "'" + category + "' is not in the configuration; deal goes to pipeline '"
                    + fallback.pipeline() + "'");
        }
        return fallback;
    }

    private void dealStage(FieldLine line, String field, JsonNode value, JsonNode row, MappedRecordDraft out) {
        String raw = textOf(value);
        StageMapping stage = raw == null ? null : lookups.stage(raw);
        if (stage == null) {
            if (raw != null && lookups.map().unknownValues() != null
                    && "reject".equals(lookups.map().unknownValues().stage())) {
                out.reject(field, "UNKNOWN_STAGE", "stage '" + raw + "' is not in the configuration and the map"
                        + " rejects unknown stages");
                return;
            }
            stage = lookups.firstStage();
            if (stage == null) {
                out.reject(field, "NO_STAGES", "the map has no stages");
                return;
            }
            out.warn("UNKNOWN_STAGE", field, (raw == null ? "no stage" : "'" + raw + "' is not in the configuration")
                    + "; deal goes to the first stage '" + stage.stage() + "', as on the Atomic CRM board");
        }
        PipelineMapping pipeline = pipelineOf(row, new MappedRecordDraft(out.table(), out.sourceId(), out.object()));
        String pipelineName = pipeline == null ? "" : pipeline.pipeline();
        String symbol = SymbolicReferences.stage(stage.stage(), pipelineName);
        out.write(line.target(), TextNode.valueOf(symbol));
        out.reference(line.target().field(), "stages", (pipeline == null ? "" : pipeline.category()) + "/" + stage.value(),
                symbol);
        if (!"open".equals(stage.status())) {
            out.payload().put("status", stage.status());
        }
    }

    private void dealContacts(FieldLine line, String field, JsonNode value, MappedRecordDraft out) {
        if (!value.isArray()) {
            return;
        }
        int kept = 0;
        Set<String> seen = new HashSet<>();
        for (JsonNode element : value) {
            String id = textOf(element);
            if (id == null || !seen.add(id)) {
                continue;
            }
            if (Boolean.FALSE.equals(known.contains("contacts", id))) {
                out.warn("DANGLING_CONTACT", field, "contact " + id + " does not exist (deleted; contact_ids has no"
                        + " foreign key); dropped from the deal");
                continue;
            }
            String symbol = SymbolicReferences.of("contacts", id);
            if (kept == 0) {
                out.write(line.target(), TextNode.valueOf(symbol));
                out.reference(line.target().field(), "contacts", id, symbol);
            } else {
                // Pipedrive deals have one person; the others become participants (a separate call).
                out.reference("participants[" + (kept - 1) + "]", "contacts", id, symbol);
            }
            kept++;
        }
    }

    private void activityType(FieldLine line, String field, JsonNode value, MappedRecordDraft out) {
        String raw = textOf(value);
        ActivityTypeMapping type = raw == null ? lookups.activityType("none") : lookups.activityType(raw);
        String key;
        if (type != null) {
            key = type.key();
        } else {
            if (raw != null && lookups.map().unknownValues() != null
                    && "reject".equals(lookups.map().unknownValues().taskType())) {
                out.reject(field, "UNKNOWN_TASK_TYPE", "task type '" + raw + "' is not in the configuration");
                return;
            }
            key = "task";
            if (raw != null) {
                out.warn("UNKNOWN_TASK_TYPE", field, "'" + raw + "' is not in the configuration; activity type 'task'");
            }
        }
        out.write(line.target(), TextNode.valueOf(key));
    }

    private void colour(FieldLine line, String field, JsonNode value, MappedRecordDraft out) {
        String hex = textOf(value);
        if (hex == null) {
            missing(line, field, out);
            return;
        }
        var labels = lookups.map().labels();
        String mapped = labels == null ? null : labels.colours().get(hex.toLowerCase(Locale.ROOT));
        if (mapped == null) {
            try {
                mapped = NearestPipedriveColour.of(hex);
            } catch (IllegalArgumentException e) {
                mapped = labels == null || labels.fallbackColour() == null ? "gray" : labels.fallbackColour();
                out.warn("INVALID_COLOUR", field, e.getMessage() + "; label gets " + mapped);
            }
        }
        out.write(line.target(), TextNode.valueOf(mapped));
    }

    /** Keeps error messages short when a value is huge. */
    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }
}

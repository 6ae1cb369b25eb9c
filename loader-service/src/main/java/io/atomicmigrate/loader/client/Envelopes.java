package io.atomicmigrate.loader.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Reads Pipedrive's success envelopes and walks both paginations (PIPEDRIVE.md §1.5–1.6). */
public final class Envelopes {

    /** The largest page Pipedrive serves on list endpoints. */
    public static final int MAX_PAGE = 500;

    private Envelopes() {
    }

    /** {@code data} of a success envelope; a 2xx without it is treated as no usable answer. */
    public static JsonNode data(JsonNode envelope) {
        if (envelope == null || !envelope.path("success").asBoolean(false) || !envelope.has("data")) {
            throw new PipedriveUnavailableException(200, "MALFORMED_RESPONSE",
                    "Pipedrive answered 2xx without a success envelope");
        }
        return envelope.get("data");
    }

    /** {@code data.id} of a single-entity envelope, as text (numbers for most, UUIDs for leads). */
    public static String id(JsonNode envelope) {
        JsonNode id = data(envelope).get("id");
        if (id == null || id.isNull()) {
            throw new PipedriveUnavailableException(200, "MALFORMED_RESPONSE", "Pipedrive answered without an id");
        }
        return id.asText();
    }

    /** v2: {@code additional_data.next_cursor}, null on the last page. */
    public static String nextCursor(JsonNode envelope) {
        JsonNode c = envelope.path("additional_data").path("next_cursor");
        return c.isTextual() && !c.asText().isEmpty() ? c.asText() : null;
    }

    /** v1: {@code next_start} when {@code more_items_in_collection}, else null. */
    public static Integer nextStart(JsonNode envelope) {
        JsonNode p = envelope.path("additional_data").path("pagination");
        return p.path("more_items_in_collection").asBoolean(false) && p.has("next_start")
                ? p.get("next_start").asInt() : null;
    }

    private static void addAll(JsonNode data, List<JsonNode> into) {
        if (data != null && data.isArray()) {
            data.forEach(into::add);
        }
    }

    /** Every item of a v2 list, page by page; {@code page} fetches one page for a cursor (null first). */
    public static List<JsonNode> allV2(Function<String, JsonNode> page) {
        List<JsonNode> items = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode envelope = page.apply(cursor);
            addAll(data(envelope), items);
            cursor = nextCursor(envelope);
        } while (cursor != null);
        return items;
    }

    /** Every item of a v1 list; {@code page} fetches one page from a start offset. */
    public static List<JsonNode> allV1(Function<Integer, JsonNode> page) {
        List<JsonNode> items = new ArrayList<>();
        Integer start = 0;
        do {
            JsonNode envelope = page.apply(start);
            addAll(data(envelope), items);
            start = nextStart(envelope);
        } while (start != null);
        return items;
    }
}

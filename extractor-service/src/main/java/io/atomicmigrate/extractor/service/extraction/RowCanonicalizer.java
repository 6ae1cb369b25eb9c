package io.atomicmigrate.extractor.service.extraction;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BaseJsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import io.vertx.mutiny.sqlclient.Row;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Turns Postgres' {@code to_jsonb(row)} text into the canonical row: numbers exact (numeric stays
 * {@code 12.50}, bigints stay integers), keys sorted at every depth, legacy names renamed; the
 * row hash is SHA-256 over the canonical bytes, so equal content always hashes equal whatever
 * order Postgres or Jackson produce keys in. Timestamps arrive in UTC because the session's
 * TimeZone is UTC. Thread-safe.
 */
public final class RowCanonicalizer {

    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    // a shared pool of Jackson's buffers: each row takes several parsers and a generator,
                    // and the default per-thread pool's ThreadLocal look-ups showed in profiles
                    .recyclerPool(JsonRecyclerPools.sharedLockFreePool()).build())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .nodeFactory(NODES)
            .build();
    /** Reads trees with the root deserializer resolved once ({@code MAPPER.readTree} resolves it per call). */
    private static final ObjectReader TREES = MAPPER.readerFor(JsonNode.class);
    /** Reused per thread: a page's rows are canonicalised one after the other on one worker. */
    private static final ThreadLocal<ByteArrayBuilder> BUFFERS = ThreadLocal.withInitial(() -> new ByteArrayBuilder(4096));
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    private final LegacyRowNormalizer legacy = new LegacyRowNormalizer();

    /** From Postgres' JSON text of a row (e.g. {@code to_jsonb(row)}), as earlier versions read rows. */
    public CanonicalRow canonical(String table, long id, String toJsonbText) {
        JsonNode parsed;
        try {
            parsed = TREES.readTree(toJsonbText);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("row " + table + "/" + id + " is not valid JSON: " + e.getOriginalMessage());
        }
        return canonical(table, id, (ObjectNode) parsed);
    }

    /**
     * From a row already parsed (or built by {@link RowReader}) with exact numbers; the row is
     * normalised in place. The canonical bytes are written once: the hash is taken over them and
     * the record's {@code row} carries them as a raw value, so encoding the event copies them
     * instead of serialising the row a second time.
     */
    public CanonicalRow canonical(String table, long id, ObjectNode row) {
        ObjectNode normalised = legacy.normalise(table, row);
        byte[] bytes = canonicalBytes(normalised);
        String hash = HexFormat.of().formatHex(SHA256.get().digest(bytes));
        JsonNode carried = hasSurrogateEscape(bytes)
                // the wire writes emoji as 4-byte UTF-8 (common's Json); the canonical text escapes
                // them, so such rare rows travel as a tree, serialised by the event codec as before
                ? sorted(normalised)
                : NODES.rawValueNode(new RawValue(new CanonicalBytes(bytes)));
        return new CanonicalRow(table, id, carried, hash);
    }

    /** Whether rows of this table can be written straight from their columns (no legacy rename applies). */
    public boolean writesDirectly(String table, RowReader reader) {
        return !legacy.renames(table, reader.columnNames());
    }

    /**
     * From a row of a table that {@link #writesDirectly}: the canonical bytes are written from the
     * columns ({@link RowReader#writeCanonical}) without building the row's tree; the bytes, hash
     * and event are the same as {@code canonical(table, id, reader.read(row))} gives. A row whose
     * text escapes an emoji is built as a tree after all, as there (it travels as a tree).
     */
    public CanonicalRow canonical(String table, long id, RowReader reader, Row row) {
        ByteArrayBuilder out = BUFFERS.get();
        out.reset();
        try (JsonGenerator g = MAPPER.getFactory().createGenerator(out)) {
            reader.writeCanonical(g, row, MAPPER.getSerializerProviderInstance());
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise row " + table + "/" + id, e);
        }
        byte[] bytes = out.toByteArray();
        if (hasSurrogateEscape(bytes)) {
            return canonical(table, id, reader.read(row));
        }
        String hash = HexFormat.of().formatHex(SHA256.get().digest(bytes));
        return new CanonicalRow(table, id, NODES.rawValueNode(new RawValue(new CanonicalBytes(bytes))), hash);
    }

    /** A JSON text parsed as the canonical form reads it: exact numbers. */
    static JsonNode parse(String json) {
        try {
            return TREES.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("not valid JSON: " + e.getOriginalMessage());
        }
    }

    public static String hash(JsonNode canonical) {
        try {
            byte[] bytes = MAPPER.writeValueAsBytes(canonical);
            return HexFormat.of().formatHex(SHA256.get().digest(bytes));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a row", e);
        }
    }

    /** The canonical JSON text of a row (what the hash is computed over). */
    public static String text(JsonNode canonical) {
        try {
            return MAPPER.writeValueAsString(canonical);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The bytes {@code MAPPER.writeValueAsBytes(sorted(row))} would give, written straight from the
     * unsorted tree: the same generator, the same calls, keys sorted on the way, no sorted copy.
     */
    static byte[] canonicalBytes(JsonNode row) {
        ByteArrayBuilder out = BUFFERS.get();
        out.reset();
        try (JsonGenerator g = MAPPER.getFactory().createGenerator(out)) {
            writeSorted(g, row, MAPPER.getSerializerProviderInstance());
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise a row", e);
        }
        return out.toByteArray();
    }

    static void writeSorted(JsonGenerator g, JsonNode node, SerializerProvider provider) throws IOException {
        if (node.isObject()) {
            int n = node.size();
            String[] names = new String[n];
            JsonNode[] values = new JsonNode[n];
            boolean inOrder = true;
            int i = 0;
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); i++) {
                Map.Entry<String, JsonNode> field = it.next();
                names[i] = field.getKey();
                values[i] = field.getValue();
                inOrder = inOrder && (i == 0 || names[i - 1].compareTo(names[i]) < 0);
            }
            if (!inOrder) { // RowReader builds rows in key order; jsonb values and legacy renames are not
                Arrays.sort(names);
                for (int k = 0; k < n; k++) {
                    values[k] = node.get(names[k]);
                }
            }
            g.writeStartObject(node, n);
            for (int k = 0; k < n; k++) {
                g.writeFieldName(names[k]);
                writeSorted(g, values[k], provider);
            }
            g.writeEndObject();
        } else if (node.isArray()) {
            g.writeStartArray(node, node.size());
            for (JsonNode element : node) {
                writeSorted(g, element, provider);
            }
            g.writeEndArray();
        } else {
            ((BaseJsonNode) node).serialize(g, provider); // what ObjectNode/ArrayNode.serialize do for values
        }
    }

    /** {@code \uD800}..{@code \uDFFF} in the text: a character outside the BMP, which Jackson escapes. */
    private static boolean hasSurrogateEscape(byte[] b) {
        for (int i = 0; i + 3 < b.length; i++) {
            if (b[i] == '\\' && b[i + 1] == 'u' && (b[i + 2] == 'D' || b[i + 2] == 'd')) {
                byte c = b[i + 3];
                if (c >= '8' && c <= '9' || c >= 'A' && c <= 'F' || c >= 'a' && c <= 'f') {
                    return true;
                }
            }
        }
        return false;
    }

    static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            Iterator<String> it = node.fieldNames();
            it.forEachRemaining(names::add);
            Collections.sort(names);
            ObjectNode out = NODES.objectNode();
            for (String name : names) {
                out.set(name, sorted(node.get(name)));
            }
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = NODES.arrayNode(node.size());
            for (JsonNode element : node) {
                out.add(sorted(element));
            }
            return out;
        }
        return node;
    }

    /**
     * Canonical UTF-8 bytes as a raw JSON value: written into an event as they are. Equal rows
     * compare equal, so a record built from a raw row still has value semantics.
     */
    static final class CanonicalBytes implements SerializableString {
        private final byte[] utf8;

        CanonicalBytes(byte[] utf8) {
            this.utf8 = utf8;
        }

        @Override
        public String getValue() {
            return new String(utf8, StandardCharsets.UTF_8);
        }

        @Override
        public int charLength() {
            return getValue().length();
        }

        @Override
        public char[] asQuotedChars() {
            throw new UnsupportedOperationException("a raw JSON value is never quoted");
        }

        @Override
        public byte[] asUnquotedUTF8() {
            return utf8;
        }

        @Override
        public byte[] asQuotedUTF8() {
            throw new UnsupportedOperationException("a raw JSON value is never quoted");
        }

        @Override
        public int appendQuotedUTF8(byte[] buffer, int offset) {
            throw new UnsupportedOperationException("a raw JSON value is never quoted");
        }

        @Override
        public int appendQuoted(char[] buffer, int offset) {
            throw new UnsupportedOperationException("a raw JSON value is never quoted");
        }

        @Override
        public int appendUnquotedUTF8(byte[] buffer, int offset) {
            if (offset + utf8.length > buffer.length) {
                return -1;
            }
            System.arraycopy(utf8, 0, buffer, offset, utf8.length);
            return utf8.length;
        }

        @Override
        public int appendUnquoted(char[] buffer, int offset) {
            String value = getValue();
            if (offset + value.length() > buffer.length) {
                return -1;
            }
            value.getChars(0, value.length(), buffer, offset);
            return value.length();
        }

        @Override
        public int writeQuotedUTF8(OutputStream out) {
            throw new UnsupportedOperationException("a raw JSON value is never quoted");
        }

        @Override
        public int writeUnquotedUTF8(OutputStream out) throws IOException {
            out.write(utf8);
            return utf8.length;
        }

        @Override
        public int putQuotedUTF8(ByteBuffer buffer) {
            throw new UnsupportedOperationException("a raw JSON value is never quoted");
        }

        @Override
        public int putUnquotedUTF8(ByteBuffer buffer) {
            if (utf8.length > buffer.remaining()) {
                return -1;
            }
            buffer.put(utf8);
            return utf8.length;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof CanonicalBytes other && Arrays.equals(utf8, other.utf8);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(utf8);
        }

        @Override
        public String toString() {
            return getValue();
        }
    }
}

package io.atomicmigrate.extractor.service.extraction;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.mutiny.sqlclient.Row;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads one table's rows as typed columns and builds, in the JVM, the same JSON values Postgres'
 * {@code row_to_json(t)} would have produced (so the canonical row and its hash do not change).
 *
 * <p>Why: rendering {@code row_to_json} costs the source's single backend about three times what
 * {@code COPY} costs for the same rows, and the extractor then had to parse that text back. Here
 * the server only runs the types' plain output functions (or sends binary) for the common types:
 *
 * <ul>
 *   <li>integers and booleans: binary, written as JSON numbers / booleans;</li>
 *   <li>text, varchar, name, uuid, citext, enums: {@code ::text}, a JSON string (what
 *       {@code row_to_json} does with every type it has no JSON rule for);</li>
 *   <li>numeric: {@code ::text}, an exact JSON number, or a string for NaN / ±Infinity;</li>
 *   <li>json and jsonb: {@code ::text}, parsed with exact numbers, as {@code row_to_json} embeds them;</li>
 *   <li>timestamptz, timestamp, date: binary, formatted as {@code row_to_json} does (ISO 8601 with
 *       {@code T}, fractional seconds without trailing zeros, {@code +00:00} in the UTC session), for
 *       years 1 to 9999; any other value (infinity, BC, year 10000+) comes as {@code to_json(col)}
 *       from the server in an extra column that is NULL for ordinary values.</li>
 * </ul>
 *
 * Every other type (arrays, floats, bpchar, intervals, domains, composites, types with a JSON cast)
 * is rendered by the server with {@code to_json(col)}, which is exactly what {@code row_to_json}
 * does per column, and parsed with exact numbers.
 */
public final class RowReader {

    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    /** Columns of a table with what is needed to choose how to read each. */
    static final String COLUMNS_SQL = """
            SELECT a.attname, ty.oid::int8 AS type_oid, ty.typtype::text, ty.typname::text,
                   ty.typnamespace = 'pg_catalog'::regnamespace AS builtin,
                   EXISTS (SELECT 1 FROM pg_catalog.pg_cast c WHERE c.castsource = ty.oid
                           AND c.casttarget IN ('json'::regtype, 'jsonb'::regtype)) AS has_json_cast,
                   current_setting('TimeZone') AS tz
            FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_type ty ON ty.oid = a.atttypid
            WHERE a.attrelid = $1::regclass AND a.attnum > 0 AND NOT a.attisdropped
            ORDER BY a.attnum""";

    enum Kind { INTEGER, BOOLEAN, TEXT, NUMERIC, JSON, TIMESTAMPTZ, TIMESTAMP, DATE, SERVER_JSON }

    /** One table column: its JSON key, how it is read, and where its value(s) sit in the result row. */
    record Column(String name, Kind kind, int index, int fallbackIndex) {
    }

    private final List<Column> columns;
    private final Set<String> names;
    /** Per column, its key pre-encoded when it is plain ASCII (the generator then copies bytes); else null. */
    private final SerializableString[] encodedNames;
    private final String selectList;

    private RowReader(List<Column> columns, String selectList) {
        this.columns = columns;
        this.names = columns.stream().map(Column::name).collect(Collectors.toUnmodifiableSet());
        this.encodedNames = columns.stream().map(c -> plainAscii(c.name()) ? new SerializedString(c.name()) : null)
                .toArray(SerializableString[]::new);
        this.selectList = selectList;
    }

    /** Printable ASCII without quote or backslash: written the same whether pre-encoded or not. */
    private static boolean plainAscii(String name) {
        return name.chars().allMatch(ch -> ch >= 0x20 && ch < 0x7f && ch != '"' && ch != '\\');
    }

    /**
     * Plans the read from the rows of {@link #COLUMNS_SQL}: (name, type oid, typtype, typname,
     * builtin, has a json cast, session TimeZone). Column 0 of the result is always {@code t.id}.
     */
    public static RowReader plan(List<ColumnInfo> infos) {
        List<Column> columns = new ArrayList<>(infos.size());
        List<String> select = new ArrayList<>();
        select.add("t.id");
        for (ColumnInfo info : infos) {
            Kind kind = kindOf(info);
            String col = "t." + quote(info.name());
            int index = select.size();
            int fallback = -1;
            switch (kind) {
                case INTEGER, BOOLEAN -> select.add(col);
                case TEXT, NUMERIC, JSON -> select.add(col + "::text");
                case TIMESTAMPTZ, TIMESTAMP, DATE -> {
                    select.add(col);
                    fallback = select.size();
                    select.add("CASE WHEN " + col + " >= '0001-01-01' AND " + col + " < '10000-01-01' THEN NULL"
                            + " ELSE to_json(" + col + ")::text END");
                }
                case SERVER_JSON -> select.add("to_json(" + col + ")::text");
                default -> throw new IllegalStateException(kind.name());
            }
            columns.add(new Column(info.name(), kind, index, fallback));
        }
        // rows are built in key order, so writing them canonically needs no sort (String order, as there)
        columns.sort(java.util.Comparator.comparing(Column::name));
        return new RowReader(List.copyOf(columns), String.join(", ", select));
    }

    /** The SELECT list over alias {@code t}: {@code t.id} first, then one or two expressions per column. */
    public String selectList() {
        return selectList;
    }

    List<Column> columns() {
        return columns;
    }

    /** The table's column names (the keys of its rows before any legacy rename). */
    Set<String> columnNames() {
        return names;
    }

    /** The row as {@code row_to_json} would have rendered it, parsed with exact numbers (keys unsorted). */
    public ObjectNode read(Row row) {
        ObjectNode out = new ObjectNode(NODES, new java.util.LinkedHashMap<>(columns.size() * 4 / 3 + 1));
        for (Column c : columns) {
            out.set(c.name(), value(c, row));
        }
        return out;
    }

    /**
     * Writes the row's canonical JSON straight from the columns: the bytes {@link #read} then
     * {@link RowCanonicalizer#canonicalBytes} give, without building the row's tree. Columns are in
     * key order already; json/jsonb values (and server-rendered ones) are parsed and written sorted,
     * numerics through their nodes, so every value is written by the same generator call as from the
     * tree. Only for rows no legacy rename touches.
     */
    void writeCanonical(JsonGenerator g, Row row, SerializerProvider provider) throws IOException {
        g.writeStartObject();
        for (int i = 0; i < encodedNames.length; i++) {
            Column c = columns.get(i);
            if (encodedNames[i] != null) {
                g.writeFieldName(encodedNames[i]);
            } else {
                g.writeFieldName(c.name());
            }
            writeValue(g, c, row, provider);
        }
        g.writeEndObject();
    }

    private static void writeValue(JsonGenerator g, Column c, Row row, SerializerProvider provider)
            throws IOException {
        if (c.fallbackIndex() >= 0 && row.getValue(c.fallbackIndex()) != null) {
            RowCanonicalizer.writeSorted(g, value(c, row), provider);
            return;
        }
        Object v = row.getValue(c.index());
        if (v == null) {
            g.writeNull();
            return;
        }
        switch (c.kind()) {
            case INTEGER -> g.writeNumber(((Number) v).longValue()); // what LongNode writes
            case BOOLEAN -> g.writeBoolean((Boolean) v);
            case TEXT -> g.writeString((String) v);
            case TIMESTAMPTZ, TIMESTAMP, DATE -> g.writeString(value(c, row).textValue());
            default -> RowCanonicalizer.writeSorted(g, value(c, row), provider); // numeric, json: via their nodes
        }
    }

    private static JsonNode value(Column c, Row row) {
        if (c.fallbackIndex() >= 0) {
            String serverRendered = row.getString(c.fallbackIndex());
            if (serverRendered != null) {
                return RowCanonicalizer.parse(serverRendered);
            }
        }
        Object v = row.getValue(c.index());
        if (v == null) {
            return NODES.nullNode();
        }
        return switch (c.kind()) {
            case INTEGER -> NODES.numberNode(((Number) v).longValue());
            case BOOLEAN -> NODES.booleanNode((Boolean) v);
            case TEXT -> NODES.textNode((String) v);
            case NUMERIC -> numeric((String) v);
            case JSON, SERVER_JSON -> RowCanonicalizer.parse((String) v);
            case TIMESTAMPTZ -> NODES.textNode(timestamp(((OffsetDateTime) v).withOffsetSameInstant(ZoneOffset.UTC)
                    .toLocalDateTime(), "+00:00"));
            case TIMESTAMP -> NODES.textNode(timestamp((LocalDateTime) v, ""));
            case DATE -> NODES.textNode(date(new StringBuilder(10), (LocalDate) v).toString());
        };
    }

    /** numeric's output is a JSON number except NaN and ±Infinity, which {@code row_to_json} quotes. */
    static JsonNode numeric(String text) {
        char first = text.charAt(0);
        if (first == 'N' || first == 'I' || first == '-' && text.length() > 1 && text.charAt(1) == 'I') {
            return NODES.textNode(text);
        }
        return NODES.numberNode(new BigDecimal(text));
    }

    /** Postgres' XSD style: {@code 2024-01-01T09:00:37.5+00:00}, fraction trimmed of trailing zeros. */
    static String timestamp(LocalDateTime t, String offset) {
        StringBuilder sb = new StringBuilder(32);
        date(sb, t.toLocalDate()).append('T');
        LocalTime time = t.toLocalTime();
        two(sb, time.getHour()).append(':');
        two(sb, time.getMinute()).append(':');
        two(sb, time.getSecond());
        int micros = time.getNano() / 1000;
        if (micros != 0) {
            String digits = Integer.toString(1_000_000 + micros).substring(1);
            int end = digits.length();
            while (digits.charAt(end - 1) == '0') {
                end--;
            }
            sb.append('.').append(digits, 0, end);
        }
        return sb.append(offset).toString();
    }

    private static StringBuilder date(StringBuilder sb, LocalDate d) {
        int year = d.getYear(); // 1..9999 here: the other years come rendered by the server
        if (year < 1000) {
            sb.append(year < 10 ? "000" : year < 100 ? "00" : "0");
        }
        sb.append(year).append('-');
        two(sb, d.getMonthValue()).append('-');
        return two(sb, d.getDayOfMonth());
    }

    private static StringBuilder two(StringBuilder sb, int v) {
        return sb.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
    }

    private static Kind kindOf(ColumnInfo info) {
        if (info.hasJsonCast()) {
            return Kind.SERVER_JSON; // row_to_json would use the cast
        }
        if ("e".equals(info.typtype())) {
            return Kind.TEXT; // an enum renders as its label
        }
        if ("citext".equals(info.typname()) && "b".equals(info.typtype())) {
            return Kind.TEXT;
        }
        if (!info.builtin()) {
            return Kind.SERVER_JSON;
        }
        return switch ((int) info.typeOid()) {
            case 20, 21, 23 -> Kind.INTEGER; // int8, int2, int4
            case 16 -> Kind.BOOLEAN;
            case 25, 1043, 19, 2950 -> Kind.TEXT; // text, varchar, name, uuid (not bpchar: ::text drops its padding)
            case 1700 -> Kind.NUMERIC;
            case 114, 3802 -> Kind.JSON;
            case 1184 -> "UTC".equalsIgnoreCase(info.timeZone()) ? Kind.TIMESTAMPTZ : Kind.SERVER_JSON;
            case 1114 -> Kind.TIMESTAMP;
            case 1082 -> Kind.DATE;
            default -> Kind.SERVER_JSON;
        };
    }

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** One row of {@link #COLUMNS_SQL}. */
    public record ColumnInfo(String name, long typeOid, String typtype, String typname, boolean builtin,
                             boolean hasJsonCast, String timeZone) {

        static ColumnInfo of(Row r) {
            return new ColumnInfo(r.getString(0), r.getLong(1), r.getString(2), r.getString(3), r.getBoolean(4),
                    r.getBoolean(5), r.getString(6));
        }
    }
}

package io.atomicmigrate.extractor.repository;

import com.fasterxml.jackson.databind.JsonNode;
import io.atomicmigrate.common.events.payload.MigrationDiscovered;
import io.atomicmigrate.common.json.Json;
import io.atomicmigrate.extractor.service.discovery.DiscoveryReport;
import io.atomicmigrate.extractor.service.source.SourceLayout;
import java.io.IOException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Catalog and data queries against a customer's database (information_schema and pg_catalog),
 * on a session the caller opened read-only. Identifiers from the customer's schema are quoted.
 */
public final class SourceCatalogRepository {

    private SourceCatalogRepository() {
    }

    public static DiscoveryReport.Role role(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                SELECT current_user, r.rolsuper, r.rolbypassrls,
                       CASE WHEN EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'authenticated')
                            THEN pg_has_role(current_user, 'authenticated', 'MEMBER') ELSE false END
                FROM pg_catalog.pg_roles r WHERE r.rolname = current_user""")) {
            rs.next();
            return new DiscoveryReport.Role(rs.getString(1), rs.getBoolean(2), rs.getBoolean(3), rs.getBoolean(4));
        }
    }

    /** Every table of schema public with its columns, exact types, enum labels and RLS status. */
    public static List<DiscoveryReport.Table> tables(Connection c, SourceLayout layout) throws SQLException {
        Map<String, List<DiscoveryReport.Column>> columns = new LinkedHashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod) AS full_type,
                       coalesce(ic.data_type, CASE WHEN t.typcategory = 'A' THEN 'ARRAY'
                                                   WHEN t.typtype IN ('e', 'b') AND tn.nspname <> 'pg_catalog'
                                                       THEN 'USER-DEFINED'
                                                   ELSE format_type(a.atttypid, NULL) END) AS data_type,
                       coalesce(ic.udt_name, t.typname) AS udt_name,
                       coalesce(ic.udt_schema, tn.nspname) AS udt_schema,
                       NOT a.attnotnull AS nullable,
                       pg_get_expr(d.adbin, d.adrelid) AS default_expr,
                       a.attidentity <> '' AS is_identity,
                       CASE WHEN t.typtype = 'd' THEN format_type(t.typbasetype, t.typtypmod) END AS domain_base,
                       (SELECT array_agg(e.enumlabel ORDER BY e.enumsortorder) FROM pg_catalog.pg_enum e
                         WHERE e.enumtypid = CASE WHEN t.typcategory = 'A' THEN t.typelem
                                                  WHEN t.typtype = 'd' THEN t.typbasetype ELSE t.oid END) AS enum_labels
                FROM pg_catalog.pg_attribute a
                JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
                JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
                JOIN pg_catalog.pg_namespace tn ON tn.oid = t.typnamespace
                LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
                LEFT JOIN information_schema.columns ic ON ic.table_schema = 'public' AND ic.table_name = c.relname
                      AND ic.column_name = a.attname
                WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
                ORDER BY c.relname, a.attnum""")) {
            while (rs.next()) {
                columns.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new DiscoveryReport.Column(
                        rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                        rs.getBoolean(7), rs.getString(8), rs.getBoolean(9), rs.getString(10),
                        strings(rs.getArray(11))));
            }
        }
        Map<String, String> canonicalByPhysical = new LinkedHashMap<>();
        layout.physicalByCanonical().forEach((canonical, physical) -> canonicalByPhysical.put(physical, canonical));
        List<DiscoveryReport.Table> tables = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                SELECT c.relname, pg_get_userbyid(c.relowner), c.relrowsecurity, c.relforcerowsecurity,
                       has_table_privilege(c.oid, 'SELECT')
                FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') ORDER BY c.relname""")) {
            while (rs.next()) {
                String name = rs.getString(1);
                tables.add(new DiscoveryReport.Table(name, canonicalByPhysical.get(name), rs.getString(2),
                        rs.getBoolean(3), rs.getBoolean(4), rs.getBoolean(5), columns.getOrDefault(name, List.of())));
            }
        }
        return tables;
    }

    public static List<DiscoveryReport.ForeignKey> foreignKeys(Connection c) throws SQLException {
        List<DiscoveryReport.ForeignKey> fks = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                SELECT con.conname, c.relname, fn.nspname || '.' || fc.relname,
                       (SELECT array_agg(a.attname ORDER BY k.ord) FROM unnest(con.conkey) WITH ORDINALITY k(n, ord)
                          JOIN pg_catalog.pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.n),
                       (SELECT array_agg(a.attname ORDER BY k.ord) FROM unnest(con.confkey) WITH ORDINALITY k(n, ord)
                          JOIN pg_catalog.pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.n),
                       con.confupdtype, con.confdeltype
                FROM pg_catalog.pg_constraint con
                JOIN pg_catalog.pg_class c ON c.oid = con.conrelid
                JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                JOIN pg_catalog.pg_class fc ON fc.oid = con.confrelid
                JOIN pg_catalog.pg_namespace fn ON fn.oid = fc.relnamespace
                WHERE con.contype = 'f' AND n.nspname = 'public' ORDER BY c.relname, con.conname""")) {
            while (rs.next()) {
                fks.add(new DiscoveryReport.ForeignKey(rs.getString(1), rs.getString(2), strings(rs.getArray(4)),
                        rs.getString(3), strings(rs.getArray(5)), action(rs.getString(6)), action(rs.getString(7))));
            }
        }
        return fks;
    }

    /** Exact {@code count(*)}: estimates from pg_class are not good enough for a plan or a reconciliation. */
    public static long count(Connection c, String qualifiedTable) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM " + qualifiedTable)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Non-null values of a column with their row counts, most frequent first; {@code limit} values at most. */
    public static Map<String, Long> distinct(Connection c, String qualifiedTable, String column, int limit)
            throws SQLException {
        Map<String, Long> values = new LinkedHashMap<>();
        String col = SourceLayout.quote(column);
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT " + col + "::text, count(*) FROM "
                + qualifiedTable + " WHERE " + col + " IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT " + limit)) {
            while (rs.next()) {
                values.put(rs.getString(1), rs.getLong(2));
            }
        }
        return values;
    }

    public static MigrationDiscovered.AttachmentInventory attachments(Connection c, String qualifiedTable)
            throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                SELECT count(*) FILTER (WHERE cardinality(attachments) > 0),
                       coalesce(sum(cardinality(attachments)), 0),
                       (SELECT count(*) FROM %1$s n2, unnest(n2.attachments) AS a(e)
                         WHERE NOT (e ? 'path') OR e ->> 'path' = '')
                FROM %1$s""".formatted(qualifiedTable))) {
            rs.next();
            return new MigrationDiscovered.AttachmentInventory(rs.getLong(1), rs.getLong(2), rs.getLong(3));
        }
    }

    /** {@code configuration.config} of row 1, or null when there is no row. */
    public static JsonNode configuration(Connection c, String qualifiedTable) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT config::text FROM " + qualifiedTable + " WHERE id = 1")) {
            if (!rs.next() || rs.getString(1) == null) {
                return null;
            }
            return Json.mapper().readTree(rs.getString(1));
        } catch (IOException e) {
            throw new SQLException("configuration.config is not valid JSON", e);
        }
    }

    public static long scalar(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static List<String> strings(Array array) throws SQLException {
        if (array == null) {
            return null;
        }
        Object[] values = (Object[]) array.getArray();
        return Arrays.stream(values).map(String::valueOf).toList();
    }

    private static String action(String code) {
        return switch (code) {
            case "a" -> "NO ACTION";
            case "r" -> "RESTRICT";
            case "c" -> "CASCADE";
            case "n" -> "SET NULL";
            case "d" -> "SET DEFAULT";
            default -> code;
        };
    }
}

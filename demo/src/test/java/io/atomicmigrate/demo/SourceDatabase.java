package io.atomicmigrate.demo;

import io.atomicmigrate.localstack.LocalPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Plain SQL on the generated Atomic CRM database: the expected values come from the source, not from constants. */
final class SourceDatabase {

    private final LocalPostgres postgres;
    private final String database;

    SourceDatabase(LocalPostgres postgres, String database) {
        this.postgres = postgres;
        this.database = database;
    }

    long count(String sql) {
        return Long.parseLong(rows(sql).get(0).values().iterator().next().toString());
    }

    List<Map<String, Object>> rows(String sql) {
        List<Map<String, Object>> out = new ArrayList<>();
        try (Connection c = postgres.connect(database); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    row.put(md.getColumnLabel(i), rs.getObject(i));
                }
                out.add(row);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
        return out;
    }

    List<String> strings(String sql) {
        return rows(sql).stream().map(r -> String.valueOf(r.values().iterator().next())).toList();
    }
}

package io.atomicmigrate.demo.service;

import io.atomicmigrate.fixture.AtomicCrmFixture;
import io.atomicmigrate.fixture.ConfigVariant;
import io.atomicmigrate.fixture.FixtureOptions;
import io.atomicmigrate.fixture.FixtureReport;
import io.atomicmigrate.localstack.LocalPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * A generated Atomic CRM database on the local Postgres, standing in for a customer's Supabase:
 * the current schema with custom columns added in "Supabase Studio" and a configuration saved
 * from the Settings page (non-default stages, categories, task types; EUR).
 */
public final class DemoSource {

    private final LocalPostgres postgres;
    private final String database;
    private final FixtureReport report;

    private DemoSource(LocalPostgres postgres, String database, FixtureReport report) {
        this.postgres = postgres;
        this.database = database;
        this.report = report;
    }

    /** Creates (or recreates) the database and loads the fixture at this scale (1.0 = upstream's demo volumes). */
    public static DemoSource generate(LocalPostgres postgres, String database, double scale, long seed) {
        FixtureOptions options = FixtureOptions.builder().scale(scale).seed(seed).customColumns(true)
                .configVariant(ConfigVariant.CUSTOMISED).build();
        try {
            return new DemoSource(postgres, database, AtomicCrmFixture.createAndLoad(postgres, database, options));
        } catch (SQLException e) {
            throw new IllegalStateException("could not generate the Atomic CRM database " + database + ": "
                    + e.getMessage(), e);
        }
    }

    public FixtureReport report() {
        return report;
    }

    /** {@code postgresql://host:port/db}: the URL the extractor connects to (credentials go separately). */
    public String url() {
        return postgres.reactiveUrl(database);
    }

    public String user() {
        return postgres.user();
    }

    public String password() {
        return postgres.password();
    }

    /** The CRM's users (Supabase Auth users in {@code sales}): they must exist in Pipedrive as users. */
    public List<Sales> sales() {
        List<Sales> sales = new ArrayList<>();
        try (Connection c = postgres.connect(database); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, first_name, last_name, email FROM sales ORDER BY id")) {
            while (rs.next()) {
                sales.add(new Sales(rs.getLong(1), (rs.getString(2) + " " + rs.getString(3)).trim(), rs.getString(4)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read sales from " + database + ": " + e.getMessage(), e);
        }
        return sales;
    }

    /** One row of {@code sales}. */
    public record Sales(long id, String name, String email) {
    }
}

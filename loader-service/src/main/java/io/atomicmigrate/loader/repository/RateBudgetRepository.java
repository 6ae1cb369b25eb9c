package io.atomicmigrate.loader.repository;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The shared rate budget in Postgres (DESIGN §5): every replica reserves from the same rows, under
 * row locks, so the burst window and the daily budget hold across replicas and migrations.
 *
 * <p>Burst: a request may start only when fewer than {@code limit} requests started in the rolling
 * window before it. The row keeps the start times of the last {@code limit} grants; the next grant
 * is at {@code max(now, pause end, grants[size - limit] + window + margin)}. A token bucket (Bucket4j)
 * cannot promise that: its capacity plus refill lets up to twice the limit through one rolling
 * window, or, sized to be safe, gives away a quarter of the rate.
 *
 * <p>Daily: tokens charged per company and UTC day (Pipedrive's reset time zone is unknown, §2.1).
 */
@ApplicationScoped
public class RateBudgetRepository {

    /** What one reservation got: start times (epoch ms) for {@code slots} requests and {@code tokens} daily tokens. */
    public record Reservation(List<Long> slots, long tokens, long tokensLeft, long dailyBudget, Instant pausedUntil,
                              String pauseReason, int windowLimit) {
    }

    private final AgroalDataSource db;

    public RateBudgetRepository(AgroalDataSource db) {
        this.db = db;
    }

    public Reservation reserve(String tokenKey, long accountId, int slots, long tokens, int defaultLimit,
                               long windowMs, long marginMs, long dailyBudget, long nowMs) {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                Reservation r = reserve(c, tokenKey, accountId, slots, tokens, defaultLimit, windowMs, marginMs,
                        dailyBudget, nowMs);
                c.commit();
                return r;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("rate budget reservation failed: " + e.getMessage(), e);
        }
    }

    private Reservation reserve(Connection c, String tokenKey, long accountId, int slots, long tokens,
                                int defaultLimit, long windowMs, long marginMs, long dailyBudget, long nowMs)
            throws SQLException {
        LocalDate today = Instant.ofEpochMilli(nowMs).atZone(ZoneOffset.UTC).toLocalDate();
        try (PreparedStatement ps = c.prepareStatement("insert into daily_budgets (account_id, day, budget) "
                + "values (?, ?, ?) on conflict do nothing")) {
            ps.setLong(1, accountId);
            ps.setObject(2, today);
            ps.setLong(3, dailyBudget);
            ps.executeUpdate();
        }
        LocalDate day;
        long budget;
        long spent;
        Instant pausedUntil;
        String pauseReason;
        try (PreparedStatement ps = c.prepareStatement("select day, budget, spent, paused_until, pause_reason "
                + "from daily_budgets where account_id = ? for update")) {
            ps.setLong(1, accountId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                day = rs.getObject(1, LocalDate.class);
                budget = rs.getLong(2);
                spent = rs.getLong(3);
                Timestamp p = rs.getTimestamp(4);
                pausedUntil = p == null ? null : p.toInstant();
                pauseReason = rs.getString(5);
            }
        }
        if (!today.equals(day)) {
            spent = 0;
            if (pausedUntil != null && "daily".equals(pauseReason)) {
                pausedUntil = null; // a new day brings a new budget
            }
        }
        budget = dailyBudget;
        long granted = Math.min(tokens, Math.max(0, budget - spent));
        long pauseMs = pausedUntil == null ? 0 : pausedUntil.toEpochMilli();
        List<Long> times = new ArrayList<>();
        int limit = defaultLimit;
        boolean exhausted = tokens > 0 && granted == 0;
        if (!exhausted && slots > 0) {
            try (PreparedStatement ps = c.prepareStatement("insert into burst_windows (token_key, account_id, "
                    + "window_limit, window_ms) values (?, ?, ?, ?) on conflict do nothing")) {
                ps.setString(1, tokenKey);
                ps.setLong(2, accountId);
                ps.setInt(3, defaultLimit);
                ps.setInt(4, (int) windowMs);
                ps.executeUpdate();
            }
            List<Long> grants;
            try (PreparedStatement ps = c.prepareStatement("select window_limit, window_ms, grants from burst_windows "
                    + "where token_key = ? for update")) {
                ps.setString(1, tokenKey);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    limit = rs.getInt(1);
                    windowMs = rs.getInt(2);
                    grants = new ArrayList<>(Arrays.asList((Long[]) rs.getArray(3).getArray()));
                }
            }
            long base = Math.max(nowMs, pauseMs);
            for (int i = 0; i < slots; i++) {
                long at = base;
                if (grants.size() >= limit) {
                    at = Math.max(at, grants.get(grants.size() - limit) + windowMs + marginMs);
                }
                if (!grants.isEmpty()) {
                    at = Math.max(at, grants.get(grants.size() - 1)); // grants stay in order
                }
                grants.add(at);
                times.add(at);
            }
            if (grants.size() > limit) {
                grants = new ArrayList<>(grants.subList(grants.size() - limit, grants.size()));
            }
            try (PreparedStatement ps = c.prepareStatement("update burst_windows set grants = ? where token_key = ?")) {
                Array array = c.createArrayOf("bigint", grants.toArray());
                ps.setArray(1, array);
                ps.setString(2, tokenKey);
                ps.executeUpdate();
            }
        } else if (exhausted && (pausedUntil == null || pausedUntil.toEpochMilli() < nowMs)) {
            // The day's budget is spent: wait for the next UTC day.
            pausedUntil = today.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            pauseReason = "daily";
        }
        spent += granted;
        try (PreparedStatement ps = c.prepareStatement("update daily_budgets set day = ?, budget = ?, spent = ?, "
                + "paused_until = ?, pause_reason = ? where account_id = ?")) {
            ps.setObject(1, today);
            ps.setLong(2, budget);
            ps.setLong(3, spent);
            ps.setTimestamp(4, pausedUntil == null ? null : Timestamp.from(pausedUntil));
            ps.setString(5, pauseReason);
            ps.setLong(6, accountId);
            ps.executeUpdate();
        }
        return new Reservation(times, granted, budget - spent, budget, pausedUntil, pauseReason, limit);
    }

    /** Pauses the whole account (all tokens, all replicas) until {@code until}, e.g. after a 429. */
    public void pause(long accountId, Instant until, String reason, long dailyBudget) {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("insert into daily_budgets (account_id, day, budget, paused_until, "
                     + "pause_reason) values (?, current_date, ?, ?, ?) on conflict (account_id) do update set "
                     + "paused_until = greatest(coalesce(daily_budgets.paused_until, excluded.paused_until), "
                     + "excluded.paused_until), pause_reason = excluded.pause_reason")) {
            ps.setLong(1, accountId);
            ps.setLong(2, dailyBudget);
            ps.setTimestamp(3, Timestamp.from(until));
            ps.setString(4, reason);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not pause account " + accountId + ": " + e.getMessage(), e);
        }
    }

    /** Pipedrive told us the token's real burst limit (x-ratelimit-limit). */
    public void correctLimit(String tokenKey, long accountId, int limit, long windowMs) {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("insert into burst_windows (token_key, account_id, window_limit, "
                     + "window_ms) values (?, ?, ?, ?) on conflict (token_key) do update set window_limit = excluded.window_limit")) {
            ps.setString(1, tokenKey);
            ps.setLong(2, accountId);
            ps.setInt(3, limit);
            ps.setInt(4, (int) windowMs);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not correct the burst limit: " + e.getMessage(), e);
        }
    }

    /** Requests granted to these tokens with a start time in {@code (fromMs, toMs]}: how full the current window is. */
    public int grantsBetween(List<String> tokenKeys, long fromMs, long toMs) {
        if (tokenKeys.isEmpty()) {
            return 0;
        }
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("select count(*) from burst_windows, unnest(grants) g "
                     + "where token_key = any(?) and g > ? and g <= ?")) {
            ps.setArray(1, c.createArrayOf("text", tokenKeys.toArray()));
            ps.setLong(2, fromMs);
            ps.setLong(3, toMs);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the burst window: " + e.getMessage(), e);
        }
    }

    /** Spent and left today, for REST and metrics. */
    public record DailyState(long accountId, LocalDate day, long budget, long spent, Instant pausedUntil, String pauseReason) {
    }

    public DailyState daily(long accountId) {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("select day, budget, spent, paused_until, pause_reason "
                     + "from daily_budgets where account_id = ?")) {
            ps.setLong(1, accountId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                Timestamp p = rs.getTimestamp(4);
                return new DailyState(accountId, rs.getObject(1, LocalDate.class), rs.getLong(2), rs.getLong(3),
                        p == null ? null : p.toInstant(), rs.getString(5));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}

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
 * <p>Burst: every request holds a permit from its grant until a window after it reached Pipedrive,
 * and a grant needs one of {@code limit} permits. A request answered at {@code t} reached Pipedrive
 * before {@code t} (at the latest {@code t - minimum round trip}, see {@code RateBudget.Permit}), so its
 * permit is released at that bound + window + margin; one still in flight is held until it is answered
 * or {@code in-flight-bound} has passed (a replica that died mid-request). Then no rolling window at
 * Pipedrive can see more than {@code limit} requests, whatever the threads' and the network's jitter: a
 * late request only holds its permit longer. Grants are handed out at once while permits are free, and
 * for the future at the release times of answered requests. The row keeps the held permits (id, release;
 * a negative release is the bound of one in flight). A token bucket (Bucket4j) cannot promise that: its
 * capacity plus refill lets up to twice the limit through one rolling window, or, sized to be safe,
 * gives away a quarter of the rate.
 *
 * <p>Daily: tokens charged per company and UTC day (Pipedrive's reset time zone is unknown, §2.1).
 */
@ApplicationScoped
public class RateBudgetRepository {

    /** One burst permit: its id (to release it) and when its request may start (epoch ms). */
    public record Grant(long id, long at) {
    }

    /** What one reservation got: permits for up to {@code slots} requests, in start order, and {@code tokens} daily tokens. */
    public record Reservation(List<Grant> grants, long tokens, long tokensLeft, long dailyBudget, Instant pausedUntil,
                              String pauseReason, int windowLimit) {

        /** The start times of the permits. */
        public List<Long> slots() {
            return grants.stream().map(Grant::at).toList();
        }
    }

    private final AgroalDataSource db;

    public RateBudgetRepository(AgroalDataSource db) {
        this.db = db;
    }

    public Reservation reserve(String tokenKey, long accountId, int slots, long tokens, int defaultLimit,
                               long windowMs, long dailyBudget, long nowMs, long inFlightBoundMs) {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                Reservation r = reserve(c, tokenKey, accountId, slots, tokens, defaultLimit, windowMs, dailyBudget,
                        nowMs, inFlightBoundMs);
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
                                int defaultLimit, long windowMs, long dailyBudget, long nowMs, long inFlightBoundMs)
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
        List<Grant> granted_ = new ArrayList<>();
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
            List<Long> ids;
            List<Long> releases;
            long next;
            try (PreparedStatement ps = c.prepareStatement("select window_limit, permits, releases, next_permit "
                    + "from burst_windows where token_key = ? for update")) {
                ps.setString(1, tokenKey);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    limit = rs.getInt(1);
                    ids = new ArrayList<>(Arrays.asList((Long[]) rs.getArray(2).getArray()));
                    releases = new ArrayList<>(Arrays.asList((Long[]) rs.getArray(3).getArray()));
                    next = rs.getLong(4);
                }
            }
            long base = Math.max(nowMs, pauseMs);
            // permits still held at base: answered less than a window (+ margin) ago, or in flight
            List<Long> heldIds = new ArrayList<>();
            List<Long> heldReleases = new ArrayList<>();
            List<Long> answered = new ArrayList<>(); // final release times, the ones a future grant can wait for
            for (int i = 0; i < ids.size(); i++) {
                long r = releases.get(i);
                if (Math.abs(r) > base) {
                    heldIds.add(ids.get(i));
                    heldReleases.add(r);
                    if (r > 0) {
                        answered.add(r);
                    }
                }
            }
            answered.sort(null);
            int freed = 0;
            for (int i = 0; i < slots; i++) {
                long at = base;
                // a request may start only while fewer than limit permits are held; else when enough answered ones free
                while (heldIds.size() - freed >= limit && freed < answered.size()) {
                    at = Math.max(at, answered.get(freed));
                    freed++;
                }
                if (heldIds.size() - freed >= limit) {
                    break; // every permit is held by a request in flight: ask again when one answers
                }
                if (!granted_.isEmpty()) {
                    at = Math.max(at, granted_.get(granted_.size() - 1).at()); // grants stay in order
                }
                long id = next++;
                heldIds.add(id);
                heldReleases.add(-(at + inFlightBoundMs)); // in flight: held at most this long unless answered
                granted_.add(new Grant(id, at));
            }
            // drop the answered permits handed over to the new grants (the earliest releases)
            for (int f = 0; f < freed; f++) {
                int idx = heldReleases.indexOf(answered.get(f));
                heldIds.remove(idx);
                heldReleases.remove(idx);
            }
            try (PreparedStatement ps = c.prepareStatement("update burst_windows set permits = ?, releases = ?, "
                    + "next_permit = ? where token_key = ?")) {
                ps.setArray(1, c.createArrayOf("bigint", heldIds.toArray()));
                ps.setArray(2, c.createArrayOf("bigint", heldReleases.toArray()));
                ps.setLong(3, next);
                ps.setString(4, tokenKey);
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
        return new Reservation(granted_, granted, budget - spent, budget, pausedUntil, pauseReason, limit);
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

    /** Permits of these tokens held at {@code nowMs}: requests in flight or answered less than a window ago. */
    public int permitsHeld(List<String> tokenKeys, long nowMs) {
        if (tokenKeys.isEmpty()) {
            return 0;
        }
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("select count(*) from burst_windows, unnest(releases) r "
                     + "where token_key = any(?) and abs(r) > ?")) {
            ps.setArray(1, c.createArrayOf("text", tokenKeys.toArray()));
            ps.setLong(2, nowMs);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the burst window: " + e.getMessage(), e);
        }
    }

    /**
     * A request was answered (or failed, or was never sent): its permits are held until {@code releaseMs}
     * instead of their in-flight bound. Permits already dropped (released long ago) are ignored.
     */
    public void release(String tokenKey, List<Long> permitIds, long releaseMs) {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("update burst_windows set releases = (select array_agg("
                     + "case when p = any(?) then ? else r end order by o) from unnest(permits, releases) "
                     + "with ordinality as u(p, r, o)) where token_key = ? and permits && ?")) {
            Array ids = c.createArrayOf("bigint", permitIds.toArray());
            ps.setArray(1, ids);
            ps.setLong(2, releaseMs);
            ps.setString(3, tokenKey);
            ps.setArray(4, ids);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not release burst permits: " + e.getMessage(), e);
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

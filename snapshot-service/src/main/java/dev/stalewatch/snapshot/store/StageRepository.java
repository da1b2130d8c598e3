package dev.stalewatch.snapshot.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import dev.stalewatch.events.StageKey;

/**
 * Stage rows: every transaction that changes a stage locks its row first. Several stages are
 * locked in sorted (job, stage) order, so two transactions never wait on each other in a cycle.
 */
@ApplicationScoped
public class StageRepository {

    private static final java.util.Comparator<StageKey> ORDER =
            java.util.Comparator.comparing(StageKey::jobId).thenComparing(StageKey::stage);

    /** Creates missing stage rows and locks all of them, in sorted order. */
    public Map<StageKey, StageRow> lockCreatingMissing(Connection tx, Collection<StageKey> keys) throws Exception {
        SortedSet<StageKey> sorted = new TreeSet<>(ORDER);
        sorted.addAll(keys);
        try (PreparedStatement insert = tx.prepareStatement(
                "INSERT INTO stage (job_id, stage) SELECT * FROM unnest(?::text[], ?::text[]) ON CONFLICT DO NOTHING")) {
            insert.setArray(1, tx.createArrayOf("text", sorted.stream().map(StageKey::jobId).toArray()));
            insert.setArray(2, tx.createArrayOf("text", sorted.stream().map(StageKey::stage).toArray()));
            insert.executeUpdate();
        }
        return lock(tx, sorted);
    }

    /** Locks existing stage rows in sorted order; unknown stages are absent from the answer. */
    public Map<StageKey, StageRow> lock(Connection tx, Collection<StageKey> keys) throws Exception {
        SortedSet<StageKey> sorted = new TreeSet<>(ORDER);
        sorted.addAll(keys);
        Map<StageKey, StageRow> rows = new LinkedHashMap<>();
        try (PreparedStatement select = tx.prepareStatement(
                "SELECT s.job_id, s.stage, s.current_hash, s.histogram_observed_at, s.stale_items,"
                        + " v.first_observed_at AS current_first_observed_at,"
                        + " EXISTS (SELECT 1 FROM change c WHERE c.job_id = s.job_id AND c.stage = s.stage"
                        + " AND c.state IN ('TRIAGING', 'PENDING', 'RESET')) AS may_have_changes FROM stage s"
                        + " JOIN unnest(?::text[], ?::text[]) AS k(job_id, stage)"
                        + " ON s.job_id = k.job_id AND s.stage = k.stage"
                        + " LEFT JOIN snapshot v ON v.job_id = s.job_id AND v.stage = s.stage"
                        + " AND v.version_hash = s.current_hash"
                        + " ORDER BY s.job_id, s.stage FOR UPDATE OF s")) {
            select.setArray(1, tx.createArrayOf("text", sorted.stream().map(StageKey::jobId).toArray()));
            select.setArray(2, tx.createArrayOf("text", sorted.stream().map(StageKey::stage).toArray()));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    StageRow row = read(rs, rs.getBoolean("may_have_changes"));
                    rows.put(new StageKey(row.jobId(), row.stage()), row);
                }
            }
        }
        return rows;
    }

    public void setCurrent(Connection tx, StageKey key, String hash) throws Exception {
        update(tx, "UPDATE stage SET current_hash = ?, updated_at = now() WHERE job_id = ? AND stage = ?", key,
                hash);
    }

    /** Sets the newest histogram time of several stages in one statement. */
    public void setHistogramObservedAt(Connection tx, Map<StageKey, Instant> observedAt) throws Exception {
        if (observedAt.isEmpty()) {
            return;
        }
        List<StageKey> keys = List.copyOf(observedAt.keySet());
        try (PreparedStatement update = tx.prepareStatement(
                "UPDATE stage s SET histogram_observed_at = k.at, updated_at = now()"
                        + " FROM unnest(?::text[], ?::text[], ?::timestamptz[]) AS k(job_id, stage, at)"
                        + " WHERE s.job_id = k.job_id AND s.stage = k.stage")) {
            update.setArray(1, tx.createArrayOf("text", keys.stream().map(StageKey::jobId).toArray()));
            update.setArray(2, tx.createArrayOf("text", keys.stream().map(StageKey::stage).toArray()));
            update.setArray(3, tx.createArrayOf("timestamptz",
                    keys.stream().map(k -> Timestamp.from(observedAt.get(k))).toArray()));
            update.executeUpdate();
        }
    }

    public void setStaleItems(Connection tx, StageKey key, long staleItems) throws Exception {
        try (PreparedStatement update = tx.prepareStatement(
                "UPDATE stage SET stale_items = ?, updated_at = now() WHERE job_id = ? AND stage = ?"
                        + " AND stale_items <> ?")) {
            update.setLong(1, staleItems);
            update.setString(2, key.jobId());
            update.setString(3, key.stage());
            update.setLong(4, staleItems);
            update.executeUpdate();
        }
    }

    /** The stage's current hash; empty when the stage is unknown. */
    public Optional<String> currentHash(Connection c, StageKey key) throws Exception {
        try (PreparedStatement select = c.prepareStatement(
                "SELECT current_hash FROM stage WHERE job_id = ? AND stage = ?")) {
            select.setString(1, key.jobId());
            select.setString(2, key.stage());
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
        }
    }

    public List<StageRow> find(Connection c, String jobId) throws Exception {
        List<StageRow> rows = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement(
                "SELECT job_id, stage, current_hash, histogram_observed_at, stale_items,"
                        + " NULL::timestamptz AS current_first_observed_at FROM stage WHERE job_id = ? ORDER BY stage")) {
            select.setString(1, jobId);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    rows.add(read(rs));
                }
            }
        }
        return rows;
    }

    private static void update(Connection tx, String sql, StageKey key, String value) throws Exception {
        try (PreparedStatement update = tx.prepareStatement(sql)) {
            update.setString(1, value);
            update.setString(2, key.jobId());
            update.setString(3, key.stage());
            update.executeUpdate();
        }
    }

    private static StageRow read(ResultSet rs) throws Exception {
        return read(rs, true);
    }

    private static StageRow read(ResultSet rs, boolean mayHaveChanges) throws Exception {
        Timestamp histogramAt = rs.getTimestamp("histogram_observed_at");
        Timestamp currentFirstObservedAt = rs.getTimestamp("current_first_observed_at");
        return new StageRow(rs.getString("job_id"), rs.getString("stage"), rs.getString("current_hash"),
                histogramAt == null ? null : histogramAt.toInstant(), rs.getLong("stale_items"),
                currentFirstObservedAt == null ? null : currentFirstObservedAt.toInstant(), mayHaveChanges);
    }
}

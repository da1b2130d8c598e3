package dev.stalewatch.snapshot.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.stalewatch.events.ChangeState;
import dev.stalewatch.events.Method;
import dev.stalewatch.events.StageKey;
import dev.stalewatch.events.Verdict;

/** Changes and their history. */
@ApplicationScoped
public class ChangeRepository {

    public static final String COLUMNS = "id, change_id, job_id, stage, old_hash, new_hash, state, attempt, deploy, verdict,"
            + " method, model, reason, author, stale_items, created_at, decided_at";

    public ChangeRecord insert(Connection tx, StageKey key, String oldHash, String newHash, ChangeState state,
            boolean deploy, Method method, String reason, long staleItems) throws Exception {
        try (PreparedStatement insert = tx.prepareStatement(
                "INSERT INTO change (change_id, job_id, stage, old_hash, new_hash, state, deploy, method, reason,"
                        + " stale_items, decided_at)"
                        + " VALUES ('c-' || lpad(nextval('change_number')::text, 6, '0'), ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                        + " CASE WHEN ? THEN now() END)"
                        + " RETURNING " + COLUMNS)) {
            insert.setString(1, key.jobId());
            insert.setString(2, key.stage());
            insert.setString(3, oldHash);
            insert.setString(4, newHash);
            insert.setString(5, state.name());
            insert.setBoolean(6, deploy);
            insert.setString(7, method == null ? null : method.name());
            insert.setString(8, reason);
            insert.setLong(9, staleItems);
            insert.setBoolean(10, state != ChangeState.TRIAGING);
            try (ResultSet rs = insert.executeQuery()) {
                rs.next();
                return read(rs);
            }
        }
    }

    /** Moves a change to a new state with its verdict and author; returns the updated row. */
    public ChangeRecord transition(Connection tx, ChangeRecord change, ChangeState state, Verdict verdict,
            Method method, String model, String reason, String author) throws Exception {
        try (PreparedStatement update = tx.prepareStatement(
                "UPDATE change SET state = ?, verdict = ?, method = ?, model = ?, reason = ?, author = ?,"
                        + " decided_at = now(), updated_at = now() WHERE id = ? RETURNING " + COLUMNS)) {
            update.setString(1, state.name());
            update.setString(2, verdict == null ? null : verdict.name());
            update.setString(3, method == null ? null : method.name());
            update.setString(4, model);
            update.setString(5, reason);
            update.setString(6, author);
            update.setLong(7, change.id());
            try (ResultSet rs = update.executeQuery()) {
                rs.next();
                return read(rs);
            }
        }
    }

    /** PENDING back to TRIAGING as the next attempt; the old verdict stays in the history. */
    public ChangeRecord retriage(Connection tx, ChangeRecord change, String author) throws Exception {
        try (PreparedStatement update = tx.prepareStatement(
                "UPDATE change SET state = 'TRIAGING', attempt = attempt + 1, verdict = NULL, method = NULL,"
                        + " model = NULL, reason = ?, author = ?, decided_at = NULL, updated_at = now()"
                        + " WHERE id = ? RETURNING " + COLUMNS)) {
            update.setString(1, "retriage requested by " + author);
            update.setString(2, author);
            update.setLong(3, change.id());
            try (ResultSet rs = update.executeQuery()) {
                rs.next();
                return read(rs);
            }
        }
    }

    public void setStaleItems(Connection tx, long changeId, long staleItems) throws Exception {
        try (PreparedStatement update = tx.prepareStatement(
                "UPDATE change SET stale_items = ?, updated_at = now() WHERE id = ? AND stale_items <> ?")) {
            update.setLong(1, staleItems);
            update.setLong(2, changeId);
            update.setLong(3, staleItems);
            update.executeUpdate();
        }
    }

    public void recordHistory(Connection tx, ChangeRecord change) throws Exception {
        try (PreparedStatement insert = tx.prepareStatement(
                "INSERT INTO change_history (change_id, state, attempt, verdict, method, reason, author)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, change.changeId());
            insert.setString(2, change.state().name());
            insert.setInt(3, change.attempt());
            insert.setString(4, change.verdict() == null ? null : change.verdict().name());
            insert.setString(5, change.method() == null ? null : change.method().name());
            insert.setString(6, change.reason());
            insert.setString(7, change.author());
            insert.executeUpdate();
        }
    }

    /** Open changes and RESET ones (a reset stays in force while its class has results). */
    public List<ChangeRecord> findOpenOrReset(Connection c, StageKey key) throws Exception {
        return query(c, "SELECT " + COLUMNS + " FROM change WHERE job_id = ? AND stage = ?"
                + " AND state IN ('TRIAGING', 'PENDING', 'RESET') ORDER BY id", key);
    }

    public List<ChangeRecord> findByStage(Connection c, StageKey key) throws Exception {
        return query(c, "SELECT " + COLUMNS + " FROM change WHERE job_id = ? AND stage = ? ORDER BY id", key);
    }

    public Optional<ChangeRecord> findByChangeId(Connection c, String changeId) throws Exception {
        try (PreparedStatement select = c.prepareStatement(
                "SELECT " + COLUMNS + " FROM change WHERE change_id = ?")) {
            select.setString(1, changeId);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    public List<HistoryEntry> history(Connection c, String changeId) throws Exception {
        List<HistoryEntry> entries = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement(
                "SELECT change_id, at, state, attempt, verdict, method, reason, author FROM change_history"
                        + " WHERE change_id = ? ORDER BY id")) {
            select.setString(1, changeId);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    entries.add(new HistoryEntry(rs.getString(1), rs.getTimestamp(2).toInstant(),
                            ChangeState.valueOf(rs.getString(3)), rs.getInt(4), enumOrNull(Verdict.class, rs.getString(5)),
                            enumOrNull(Method.class, rs.getString(6)), rs.getString(7), rs.getString(8)));
                }
            }
        }
        return entries;
    }

    private List<ChangeRecord> query(Connection c, String sql, StageKey key) throws Exception {
        List<ChangeRecord> changes = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement(sql)) {
            select.setString(1, key.jobId());
            select.setString(2, key.stage());
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    changes.add(read(rs));
                }
            }
        }
        return changes;
    }

    public static ChangeRecord read(ResultSet rs) throws Exception {
        Timestamp decidedAt = rs.getTimestamp("decided_at");
        return new ChangeRecord(rs.getLong("id"), rs.getString("change_id"), rs.getString("job_id"),
                rs.getString("stage"), rs.getString("old_hash"), rs.getString("new_hash"),
                ChangeState.valueOf(rs.getString("state")), rs.getInt("attempt"), rs.getBoolean("deploy"),
                enumOrNull(Verdict.class, rs.getString("verdict")), enumOrNull(Method.class, rs.getString("method")),
                rs.getString("model"), rs.getString("reason"), rs.getString("author"), rs.getLong("stale_items"),
                rs.getTimestamp("created_at").toInstant(), decidedAt == null ? null : decidedAt.toInstant());
    }

    public static <T extends Enum<T>> T enumOrNull(Class<T> type, String name) {
        return name == null ? null : Enum.valueOf(type, name);
    }
}

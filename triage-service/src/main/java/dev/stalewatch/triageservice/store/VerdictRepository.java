package dev.stalewatch.triageservice.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.stalewatch.events.Method;
import dev.stalewatch.events.Verdict;
import dev.stalewatch.events.VersionChanged;
import dev.stalewatch.triageservice.service.Decision;

/**
 * triage.verdict: one row per (changeId, attempt). Stored in a transaction of its own as soon as it is
 * decided, then published once (published_at is claimed in the consumer's transaction together with
 * the outbox row).
 */
@ApplicationScoped
public class VerdictRepository {

    private static final String COLUMNS = "change_id, attempt, job_id, stage, old_hash, new_hash, stale_items, "
            + "verdict, method, model, reason, event_id, decided_at, published_at";

    private final DataSource dataSource;

    @Inject
    public VerdictRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Optional<StoredVerdict> find(String changeId, int attempt) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return find(connection, changeId, attempt);
        }
    }

    /** Stores the decision unless a verdict for this (changeId, attempt) exists; returns whichever is stored. */
    public StoredVerdict store(VersionChanged change, Decision decision) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO triage.verdict (" + COLUMNS
                     + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL) ON CONFLICT DO NOTHING")) {
            insert.setString(1, change.changeId());
            insert.setInt(2, change.attempt());
            insert.setString(3, change.jobId());
            insert.setString(4, change.stage());
            insert.setString(5, change.oldHash());
            insert.setString(6, change.newHash());
            insert.setLong(7, change.staleItems());
            insert.setString(8, decision.verdict().name());
            insert.setString(9, decision.method().name());
            insert.setString(10, decision.model());
            insert.setString(11, decision.reason());
            insert.setString(12, UUID.randomUUID().toString());
            insert.setTimestamp(13, Timestamp.from(Instant.now()));
            insert.executeUpdate();
            return find(connection, change.changeId(), change.attempt())
                    .orElseThrow(() -> new SQLException("verdict of " + change.changeId() + " vanished after insert"));
        }
    }

    /**
     * Marks the verdict published on the caller's transaction and returns it, only to the first
     * caller, who then appends it to the outbox in that same transaction. Empty when it was
     * published before, or when no verdict is stored.
     */
    public Optional<StoredVerdict> claimPublication(Connection tx, String changeId, int attempt) throws SQLException {
        try (PreparedStatement update = tx.prepareStatement("UPDATE triage.verdict SET published_at = now() "
                + "WHERE change_id = ? AND attempt = ? AND published_at IS NULL RETURNING " + COLUMNS)) {
            update.setString(1, changeId);
            update.setInt(2, attempt);
            return read(update);
        }
    }

    public Optional<StoredVerdict> latest(String changeId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS
                     + " FROM triage.verdict WHERE change_id = ? ORDER BY attempt DESC LIMIT 1")) {
            select.setString(1, changeId);
            return read(select);
        }
    }

    public Optional<StoredVerdict> find(Connection connection, String changeId, int attempt) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS
                + " FROM triage.verdict WHERE change_id = ? AND attempt = ?")) {
            select.setString(1, changeId);
            select.setInt(2, attempt);
            return read(select);
        }
    }

    private static Optional<StoredVerdict> read(PreparedStatement select) throws SQLException {
        try (ResultSet row = select.executeQuery()) {
            if (!row.next()) {
                return Optional.empty();
            }
            Timestamp published = row.getTimestamp("published_at");
            return Optional.of(new StoredVerdict(row.getString("change_id"), row.getInt("attempt"),
                    row.getString("job_id"), row.getString("stage"), row.getString("old_hash"),
                    row.getString("new_hash"), row.getLong("stale_items"), Verdict.valueOf(row.getString("verdict")),
                    Method.valueOf(row.getString("method")), row.getString("model"), row.getString("reason"),
                    row.getString("event_id"), row.getTimestamp("decided_at").toInstant(),
                    published == null ? null : published.toInstant()));
        }
    }
}

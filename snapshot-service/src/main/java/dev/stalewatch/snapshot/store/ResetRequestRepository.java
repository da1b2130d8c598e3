package dev.stalewatch.snapshot.store;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.stalewatch.events.ResetRequested;
import dev.stalewatch.messaging.tx.AdvisoryLockKeys;

/** The reset requests of every stage, in the order a job's requests committed. */
@ApplicationScoped
public class ResetRequestRepository {

    /** A stored request and its place in its job's order. */
    public record StoredReset(long seq, ResetRequested request) {
    }

    /** Writes the request on the transaction that publishes it; a job's inserts are serialized. */
    public void insert(Connection tx, ResetRequested request) throws Exception {
        try (PreparedStatement lock = tx.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
            lock.setLong(1, AdvisoryLockKeys.of("snapshot-service", "reset-request:" + request.jobId()));
            lock.execute();
        }
        try (PreparedStatement insert = tx.prepareStatement("INSERT INTO reset_request (event_id, job_id, stage,"
                + " current_hash, stale_hashes, requested_by, requested_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, request.eventId());
            insert.setString(2, request.jobId());
            insert.setString(3, request.stage());
            insert.setString(4, request.currentHash());
            insert.setArray(5, tx.createArrayOf("text", request.staleHashes().toArray()));
            insert.setString(6, request.requestedBy());
            insert.setTimestamp(7, Timestamp.from(request.requestedAt()));
            insert.executeUpdate();
        }
    }

    /** A job's requests after {@code afterSeq}, oldest first; {@code stage} null for every stage. */
    public List<StoredReset> after(Connection c, String jobId, String stage, long afterSeq, int limit)
            throws Exception {
        List<StoredReset> found = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement("SELECT seq, event_id, stage, current_hash, stale_hashes,"
                + " requested_by, requested_at FROM reset_request WHERE job_id = ? AND seq > ?"
                + " AND (?::text IS NULL OR stage = ?) ORDER BY seq LIMIT ?")) {
            select.setString(1, jobId);
            select.setLong(2, afterSeq);
            select.setString(3, stage);
            select.setString(4, stage);
            select.setInt(5, limit);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    Array hashes = rs.getArray("stale_hashes");
                    found.add(new StoredReset(rs.getLong("seq"), new ResetRequested(rs.getString("event_id"),
                            ResetRequested.SCHEMA_VERSION, rs.getTimestamp("requested_at").toInstant(), jobId,
                            rs.getString("stage"), rs.getString("current_hash"),
                            Arrays.asList((String[]) hashes.getArray()), rs.getString("requested_by"))));
                }
            }
        }
        return found;
    }
}

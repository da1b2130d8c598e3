package dev.stalewatch.snapshot.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import dev.stalewatch.events.Method;
import dev.stalewatch.events.StageKey;
import dev.stalewatch.snapshot.domain.HashPair;

/** Equivalence edges: ACTIVE ones make classes; UNBLESSED ones are vetoes against auto-bless. */
@ApplicationScoped
public class EquivalenceRepository {

    public void insertActive(Connection tx, StageKey key, HashPair pair, Method method, String reason, String author,
            String changeId) throws Exception {
        try (PreparedStatement insert = tx.prepareStatement(
                "INSERT INTO equivalence (job_id, stage, old_hash, new_hash, state, method, reason, author, change_id)"
                        + " VALUES (?, ?, ?, ?, 'ACTIVE', ?, ?, ?, ?)")) {
            insert.setString(1, key.jobId());
            insert.setString(2, key.stage());
            insert.setString(3, pair.oldHash());
            insert.setString(4, pair.newHash());
            insert.setString(5, method.name());
            insert.setString(6, reason);
            insert.setString(7, author);
            insert.setString(8, changeId);
            insert.executeUpdate();
        }
    }

    /**
     * Marks the ACTIVE edges of the pair (either direction) UNBLESSED.
     *
     * @return false when the pair had no ACTIVE edge
     */
    public boolean unbless(Connection tx, StageKey key, HashPair pair, String author) throws Exception {
        try (PreparedStatement update = tx.prepareStatement(
                "UPDATE equivalence SET state = 'UNBLESSED', unblessed_by = ?, unblessed_at = now(),"
                        + " updated_at = now() WHERE job_id = ? AND stage = ? AND state = 'ACTIVE'"
                        + " AND ((old_hash = ? AND new_hash = ?) OR (old_hash = ? AND new_hash = ?))")) {
            update.setString(1, author);
            update.setString(2, key.jobId());
            update.setString(3, key.stage());
            update.setString(4, pair.oldHash());
            update.setString(5, pair.newHash());
            update.setString(6, pair.newHash());
            update.setString(7, pair.oldHash());
            return update.executeUpdate() > 0;
        }
    }

    /** Every edge of the stage, for its history. */
    public List<EdgeRecord> all(Connection c, StageKey key) throws Exception {
        List<EdgeRecord> edges = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement(
                "SELECT old_hash, new_hash, state, method, reason, author, change_id, created_at, unblessed_by,"
                        + " unblessed_at FROM equivalence WHERE job_id = ? AND stage = ? ORDER BY id")) {
            select.setString(1, key.jobId());
            select.setString(2, key.stage());
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    java.sql.Timestamp unblessedAt = rs.getTimestamp(10);
                    edges.add(new EdgeRecord(rs.getString(1), rs.getString(2), rs.getString(3),
                            Method.valueOf(rs.getString(4)), rs.getString(5), rs.getString(6), rs.getString(7),
                            rs.getTimestamp(8).toInstant(), rs.getString(9),
                            unblessedAt == null ? null : unblessedAt.toInstant()));
                }
            }
        }
        return edges;
    }

    public List<HashPair> active(Connection c, StageKey key) throws Exception {
        return new ArrayList<>(pairs(c, key, "ACTIVE"));
    }

    public Set<HashPair> vetoes(Connection c, StageKey key) throws Exception {
        return new HashSet<>(pairs(c, key, "UNBLESSED"));
    }

    /** A stage's ACTIVE edges and its vetoes (UNBLESSED pairs), read together. */
    public StageEdges activeAndVetoes(Connection c, StageKey key) throws Exception {
        List<HashPair> active = new ArrayList<>();
        Set<HashPair> vetoes = new HashSet<>();
        try (PreparedStatement select = c.prepareStatement("SELECT old_hash, new_hash, state = 'ACTIVE'"
                + " FROM equivalence WHERE job_id = ? AND stage = ? AND state IN ('ACTIVE', 'UNBLESSED')")) {
            select.setString(1, key.jobId());
            select.setString(2, key.stage());
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    HashPair pair = new HashPair(rs.getString(1), rs.getString(2));
                    (rs.getBoolean(3) ? active : vetoes).add(pair);
                }
            }
        }
        return new StageEdges(active, vetoes);
    }

    public record StageEdges(List<HashPair> active, Set<HashPair> vetoes) {
    }

    private static List<HashPair> pairs(Connection c, StageKey key, String state) throws Exception {
        List<HashPair> pairs = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement(
                "SELECT old_hash, new_hash FROM equivalence WHERE job_id = ? AND stage = ? AND state = ?")) {
            select.setString(1, key.jobId());
            select.setString(2, key.stage());
            select.setString(3, state);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    pairs.add(new HashPair(rs.getString(1), rs.getString(2)));
                }
            }
        }
        return pairs;
    }
}

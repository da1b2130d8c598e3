package dev.stalewatch.snapshot.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.stalewatch.events.Dep;
import dev.stalewatch.events.Source;
import dev.stalewatch.events.StageKey;

/** Snapshots: one row per (job, stage, hash), written once, never changed. */
@ApplicationScoped
public class SnapshotRepository {

    private static final TypeReference<List<Dep>> DEPS = new TypeReference<>() {
    };

    @Inject
    ObjectMapper json;

    /** @return true when this call stored the snapshot, false when it was on file already */
    public boolean insertIfAbsent(Connection tx, SnapshotRecord snapshot) throws Exception {
        try (PreparedStatement insert = tx.prepareStatement(
                "INSERT INTO snapshot (job_id, stage, version_hash, hash_algorithm, language, source_name,"
                        + " source_text, deps, first_observed_at, worker_id)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?) ON CONFLICT DO NOTHING")) {
            insert.setString(1, snapshot.jobId());
            insert.setString(2, snapshot.stage());
            insert.setString(3, snapshot.versionHash());
            insert.setString(4, snapshot.hashAlgorithm());
            insert.setString(5, snapshot.language());
            insert.setString(6, snapshot.source().name());
            insert.setString(7, snapshot.source().text());
            insert.setString(8, json.writeValueAsString(snapshot.deps()));
            insert.setTimestamp(9, Timestamp.from(snapshot.firstObservedAt()));
            insert.setString(10, snapshot.workerId());
            return insert.executeUpdate() == 1;
        }
    }

    public Optional<SnapshotRecord> find(Connection c, StageKey key, String hash) throws Exception {
        try (PreparedStatement select = c.prepareStatement(
                "SELECT hash_algorithm, language, source_name, source_text, deps, first_observed_at, worker_id"
                        + " FROM snapshot WHERE job_id = ? AND stage = ? AND version_hash = ?")) {
            select.setString(1, key.jobId());
            select.setString(2, key.stage());
            select.setString(3, hash);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new SnapshotRecord(key.jobId(), key.stage(), hash, rs.getString("hash_algorithm"),
                        rs.getString("language"), new Source(rs.getString("source_name"), rs.getString("source_text")),
                        json.readValue(rs.getString("deps"), DEPS), rs.getTimestamp("first_observed_at").toInstant(),
                        rs.getString("worker_id")));
            }
        }
    }

    /** When a version was first reported with source, without reading its source and deps. */
    public Optional<java.time.Instant> firstObservedAt(Connection c, StageKey key, String hash) throws Exception {
        try (PreparedStatement select = c.prepareStatement(
                "SELECT first_observed_at FROM snapshot WHERE job_id = ? AND stage = ? AND version_hash = ?")) {
            select.setString(1, key.jobId());
            select.setString(2, key.stage());
            select.setString(3, hash);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(rs.getTimestamp(1).toInstant()) : Optional.empty();
            }
        }
    }

    public boolean exists(Connection c, StageKey key, String hash) throws Exception {
        try (PreparedStatement select = c.prepareStatement(
                "SELECT 1 FROM snapshot WHERE job_id = ? AND stage = ? AND version_hash = ?")) {
            select.setString(1, key.jobId());
            select.setString(2, key.stage());
            select.setString(3, hash);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next();
            }
        }
    }
}

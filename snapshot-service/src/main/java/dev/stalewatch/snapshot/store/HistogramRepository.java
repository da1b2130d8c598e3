package dev.stalewatch.snapshot.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.stalewatch.events.StageKey;

/** The stage's newest histogram of stored results per hash. */
@ApplicationScoped
public class HistogramRepository {

    public Map<String, Long> find(Connection c, StageKey key) throws Exception {
        Map<String, Long> counts = new HashMap<>();
        try (PreparedStatement select = c.prepareStatement(
                "SELECT version_hash, items FROM result_count WHERE job_id = ? AND stage = ?")) {
            select.setString(1, key.jobId());
            select.setString(2, key.stage());
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    counts.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return counts;
    }

    /** Replaces the histogram as a whole. */
    public void replace(Connection tx, StageKey key, Map<String, Long> counts) throws Exception {
        try (PreparedStatement delete = tx.prepareStatement(
                "DELETE FROM result_count WHERE job_id = ? AND stage = ?")) {
            delete.setString(1, key.jobId());
            delete.setString(2, key.stage());
            delete.executeUpdate();
        }
        if (counts.isEmpty()) {
            return;
        }
        List<Map.Entry<String, Long>> entries = List.copyOf(counts.entrySet());
        try (PreparedStatement insert = tx.prepareStatement(
                "INSERT INTO result_count (job_id, stage, version_hash, items)"
                        + " SELECT ?, ?, * FROM unnest(?::text[], ?::bigint[])")) {
            insert.setString(1, key.jobId());
            insert.setString(2, key.stage());
            insert.setArray(3, tx.createArrayOf("text", entries.stream().map(Map.Entry::getKey).toArray()));
            insert.setArray(4, tx.createArrayOf("bigint", entries.stream().map(Map.Entry::getValue).toArray()));
            insert.executeUpdate();
        }
    }
}

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

    /** Replaces one stage's histogram as a whole, as {@link #replaceAll} does for several. */
    public void replace(Connection tx, StageKey key, Map<String, Long> counts) throws Exception {
        replaceAll(tx, Map.of(key, counts));
    }

    /** The histograms of several stages in one query; a stage without one maps to an empty histogram. */
    public Map<StageKey, Map<String, Long>> findAll(Connection c, java.util.Collection<StageKey> keys)
            throws Exception {
        Map<StageKey, Map<String, Long>> all = new HashMap<>();
        keys.forEach(k -> all.put(k, new HashMap<>()));
        if (keys.isEmpty()) {
            return all;
        }
        try (PreparedStatement select = c.prepareStatement(
                "SELECT r.job_id, r.stage, r.version_hash, r.items FROM result_count r"
                        + " JOIN unnest(?::text[], ?::text[]) AS k(job_id, stage)"
                        + " ON r.job_id = k.job_id AND r.stage = k.stage")) {
            select.setArray(1, c.createArrayOf("text", keys.stream().map(StageKey::jobId).toArray()));
            select.setArray(2, c.createArrayOf("text", keys.stream().map(StageKey::stage).toArray()));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    all.get(new StageKey(rs.getString(1), rs.getString(2))).put(rs.getString(3), rs.getLong(4));
                }
            }
        }
        return all;
    }

    /**
     * Replaces the histograms of several stages in one statement, as {@link #replace} does for one:
     * a changed count is updated in place (no index or foreign-key work), a new hash inserted, and
     * a hash the new histogram does not name deleted.
     */
    public void replaceAll(Connection tx, Map<StageKey, Map<String, Long>> histograms) throws Exception {
        if (histograms.isEmpty()) {
            return;
        }
        List<Object> jobs = new java.util.ArrayList<>();
        List<Object> stages = new java.util.ArrayList<>();
        List<Object> hashes = new java.util.ArrayList<>();
        List<Object> items = new java.util.ArrayList<>();
        histograms.forEach((key, counts) -> counts.forEach((hash, n) -> {
            jobs.add(key.jobId());
            stages.add(key.stage());
            hashes.add(hash);
            items.add(n);
        }));
        List<StageKey> keys = List.copyOf(histograms.keySet());
        try (PreparedStatement replace = tx.prepareStatement(
                "WITH counts AS (SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::bigint[])"
                        + " AS c(job_id, stage, version_hash, items)),"
                        + " upserted AS (INSERT INTO result_count (job_id, stage, version_hash, items)"
                        + " SELECT * FROM counts ON CONFLICT (job_id, stage, version_hash)"
                        + " DO UPDATE SET items = EXCLUDED.items WHERE result_count.items <> EXCLUDED.items)"
                        + " DELETE FROM result_count r USING unnest(?::text[], ?::text[]) AS k(job_id, stage)"
                        + " WHERE r.job_id = k.job_id AND r.stage = k.stage AND NOT EXISTS (SELECT 1 FROM counts c"
                        + " WHERE c.job_id = r.job_id AND c.stage = r.stage AND c.version_hash = r.version_hash)")) {
            replace.setArray(1, tx.createArrayOf("text", jobs.toArray()));
            replace.setArray(2, tx.createArrayOf("text", stages.toArray()));
            replace.setArray(3, tx.createArrayOf("text", hashes.toArray()));
            replace.setArray(4, tx.createArrayOf("bigint", items.toArray()));
            replace.setArray(5, tx.createArrayOf("text", keys.stream().map(StageKey::jobId).toArray()));
            replace.setArray(6, tx.createArrayOf("text", keys.stream().map(StageKey::stage).toArray()));
            replace.executeUpdate();
        }
    }
}

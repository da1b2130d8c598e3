package dev.stalewatch.snapshot.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.stalewatch.events.StageKey;
import dev.stalewatch.snapshot.domain.HashFacts;

/** Every hash a stage knows: reported with source (a snapshot) or named in the newest histogram. */
@ApplicationScoped
public class StageViewRepository {

    public Map<String, HashFacts> hashes(Connection c, StageKey key) throws Exception {
        Map<String, HashFacts> hashes = new HashMap<>();
        try (PreparedStatement select = c.prepareStatement(
                "SELECT coalesce(s.version_hash, r.version_hash), coalesce(r.items, 0), s.version_hash IS NOT NULL,"
                        + " s.first_observed_at"
                        + " FROM (SELECT version_hash, first_observed_at FROM snapshot WHERE job_id = ? AND stage = ?) s"
                        + " FULL JOIN (SELECT version_hash, items FROM result_count WHERE job_id = ? AND stage = ?) r"
                        + " ON s.version_hash = r.version_hash")) {
            select.setString(1, key.jobId());
            select.setString(2, key.stage());
            select.setString(3, key.jobId());
            select.setString(4, key.stage());
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    Timestamp first = rs.getTimestamp(4);
                    HashFacts facts = new HashFacts(rs.getString(1), rs.getLong(2), rs.getBoolean(3),
                            first == null ? null : first.toInstant());
                    hashes.put(facts.hash(), facts);
                }
            }
        }
        return hashes;
    }
}

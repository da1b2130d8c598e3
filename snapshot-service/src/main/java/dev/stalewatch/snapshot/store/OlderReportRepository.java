package dev.stalewatch.snapshot.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.stalewatch.events.StageKey;

/** Older versions still reported after a newer one became current (a warning in `stale`). */
@ApplicationScoped
public class OlderReportRepository {

    public record OlderReport(String jobId, String stage, String versionHash, String currentHash,
            Instant lastReportedAt) {
    }

    public void upsert(Connection tx, StageKey key, String hash, String current, Instant reportedAt) throws Exception {
        try (PreparedStatement upsert = tx.prepareStatement(
                "INSERT INTO older_report (job_id, stage, version_hash, current_hash, last_reported_at)"
                        + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (job_id, stage, version_hash) DO UPDATE"
                        + " SET current_hash = excluded.current_hash,"
                        + " last_reported_at = greatest(older_report.last_reported_at, excluded.last_reported_at)")) {
            upsert.setString(1, key.jobId());
            upsert.setString(2, key.stage());
            upsert.setString(3, hash);
            upsert.setString(4, current);
            upsert.setTimestamp(5, Timestamp.from(reportedAt));
            upsert.executeUpdate();
        }
    }

    public List<OlderReport> since(Connection c, StageKey key, Instant since) throws Exception {
        List<OlderReport> reports = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement(
                "SELECT o.version_hash, o.current_hash, o.last_reported_at FROM older_report o"
                        + " JOIN stage s ON s.job_id = o.job_id AND s.stage = o.stage"
                        + " WHERE o.job_id = ? AND o.stage = ? AND o.last_reported_at >= ?"
                        + " AND o.current_hash = s.current_hash AND o.version_hash <> s.current_hash"
                        + " ORDER BY o.version_hash")) {
            select.setString(1, key.jobId());
            select.setString(2, key.stage());
            select.setTimestamp(3, Timestamp.from(since));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    reports.add(new OlderReport(key.jobId(), key.stage(), rs.getString(1), rs.getString(2),
                            rs.getTimestamp(3).toInstant()));
                }
            }
        }
        return reports;
    }
}

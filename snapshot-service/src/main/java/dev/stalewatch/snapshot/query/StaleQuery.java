package dev.stalewatch.snapshot.query;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.stalewatch.events.Method;
import dev.stalewatch.events.StageKey;
import dev.stalewatch.snapshot.rest.dto.AutoBlessed;
import dev.stalewatch.snapshot.rest.dto.StaleChange;
import dev.stalewatch.snapshot.rest.dto.StaleReport;
import dev.stalewatch.snapshot.rest.dto.StaleStage;
import dev.stalewatch.snapshot.store.ChangeRecord;
import dev.stalewatch.snapshot.store.ChangeRepository;
import dev.stalewatch.snapshot.store.OlderReportRepository;

/**
 * The stale listing: stages with open changes, stale items or warnings, a page at a time in
 * (job, stage) order, and the changes auto-blessed since a point in time.
 */
@ApplicationScoped
public class StaleQuery {

    private static final int AUTO_BLESSED_LIMIT = 200;

    @Inject
    DataSource dataSource;
    @Inject
    OlderReportRepository olderReports;

    public StaleReport stale(Instant since, String job, int limit, StageKey after) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            c.setReadOnly(true);
            List<StaleStage> page = new ArrayList<>();
            Map<StageKey, StageSummary> stages = pendingStages(c, since, job, limit + 1, after);
            List<StageKey> keys = new ArrayList<>(stages.keySet());
            boolean more = keys.size() > limit;
            if (more) {
                keys = keys.subList(0, limit);
            }
            Map<StageKey, List<StaleChange>> changes = openChanges(c, keys);
            Map<StageKey, Boolean> resets = resetsInForce(c, keys);
            for (StageKey key : keys) {
                StageSummary summary = stages.get(key);
                List<StaleChange> open = changes.getOrDefault(key, List.of());
                page.add(new StaleStage(key.jobId(), key.stage(), summary.currentHash(), summary.staleItems(), open,
                        warnings(c, key, summary, open, resets.getOrDefault(key, false), since)));
            }
            String next = more ? StageCursor.encode(keys.get(keys.size() - 1)) : null;
            List<AutoBlessed> blessed = after == null ? autoBlessed(c, since, job) : List.of();
            return new StaleReport(page, blessed, next);
        }
    }

    private record StageSummary(String currentHash, long staleItems) {
    }

    private Map<StageKey, StageSummary> pendingStages(Connection c, Instant since, String job, int limit,
            StageKey after) throws Exception {
        Map<StageKey, StageSummary> stages = new LinkedHashMap<>();
        try (PreparedStatement select = c.prepareStatement(
                "SELECT s.job_id, s.stage, s.current_hash, s.stale_items FROM stage s"
                        + " WHERE (CAST(? AS text) IS NULL OR s.job_id = ?)"
                        + " AND (CAST(? AS text) IS NULL OR (s.job_id, s.stage) > (?, ?))"
                        + " AND (s.stale_items > 0"
                        + "   OR EXISTS (SELECT 1 FROM change c WHERE c.job_id = s.job_id AND c.stage = s.stage"
                        + "              AND c.state IN ('TRIAGING', 'PENDING'))"
                        + "   OR EXISTS (SELECT 1 FROM older_report o WHERE o.job_id = s.job_id AND o.stage = s.stage"
                        + "              AND o.current_hash = s.current_hash AND o.last_reported_at >= ?))"
                        + " ORDER BY s.job_id, s.stage LIMIT ?")) {
            select.setString(1, job);
            select.setString(2, job);
            select.setString(3, after == null ? null : after.jobId());
            select.setString(4, after == null ? "" : after.jobId());
            select.setString(5, after == null ? "" : after.stage());
            select.setTimestamp(6, Timestamp.from(since));
            select.setInt(7, limit);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    stages.put(new StageKey(rs.getString(1), rs.getString(2)),
                            new StageSummary(rs.getString(3), rs.getLong(4)));
                }
            }
        }
        return stages;
    }

    private static Map<StageKey, List<StaleChange>> openChanges(Connection c, List<StageKey> keys) throws Exception {
        Map<StageKey, List<StaleChange>> byStage = new LinkedHashMap<>();
        if (keys.isEmpty()) {
            return byStage;
        }
        try (PreparedStatement select = c.prepareStatement(
                "SELECT " + ChangeRepository.COLUMNS + " FROM change"
                        + " WHERE (job_id, stage) IN (SELECT * FROM unnest(?::text[], ?::text[]))"
                        + " AND state IN ('TRIAGING', 'PENDING') ORDER BY id")) {
            select.setArray(1, c.createArrayOf("text", keys.stream().map(StageKey::jobId).toArray()));
            select.setArray(2, c.createArrayOf("text", keys.stream().map(StageKey::stage).toArray()));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    ChangeRecord change = ChangeRepository.read(rs);
                    byStage.computeIfAbsent(new StageKey(change.jobId(), change.stage()), k -> new ArrayList<>())
                            .add(StaleChange.of(change));
                }
            }
        }
        return byStage;
    }

    private static Map<StageKey, Boolean> resetsInForce(Connection c, List<StageKey> keys) throws Exception {
        Map<StageKey, Boolean> resets = new LinkedHashMap<>();
        if (keys.isEmpty()) {
            return resets;
        }
        try (PreparedStatement select = c.prepareStatement(
                "SELECT DISTINCT c.job_id, c.stage FROM change c"
                        + " JOIN unnest(?::text[], ?::text[]) AS k(job_id, stage)"
                        + " ON c.job_id = k.job_id AND c.stage = k.stage WHERE c.state = 'RESET'")) {
            select.setArray(1, c.createArrayOf("text", keys.stream().map(StageKey::jobId).toArray()));
            select.setArray(2, c.createArrayOf("text", keys.stream().map(StageKey::stage).toArray()));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    resets.put(new StageKey(rs.getString(1), rs.getString(2)), true);
                }
            }
        }
        return resets;
    }

    private List<String> warnings(Connection c, StageKey key, StageSummary summary, List<StaleChange> open,
            boolean resetRequested, Instant since) throws Exception {
        List<String> warnings = new ArrayList<>();
        for (var older : olderReports.since(c, key, since)) {
            warnings.add("older version " + older.versionHash() + " still reported after " + older.currentHash()
                    + " (last at " + older.lastReportedAt() + ")");
        }
        for (StaleChange change : open) {
            if (change.method() == Method.NO_BASELINE) {
                warnings.add("no baseline for " + change.oldHash() + ": its source was never reported, so "
                        + change.changeId() + " could not be compared");
            }
        }
        long coveredByOpen = open.stream().mapToLong(StaleChange::staleItems).sum();
        long awaitingRecompute = summary.staleItems() - coveredByOpen;
        if (resetRequested && awaitingRecompute > 0) {
            warnings.add("reset requested, " + awaitingRecompute + " still stale");
        }
        return warnings;
    }

    private static List<AutoBlessed> autoBlessed(Connection c, Instant since, String job) throws Exception {
        List<AutoBlessed> blessed = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement(
                "SELECT job_id, stage, change_id, old_hash, new_hash, method, reason, decided_at FROM change"
                        + " WHERE state = 'AUTO_BLESSED' AND decided_at >= ?"
                        + " AND (CAST(? AS text) IS NULL OR job_id = ?)"
                        + " ORDER BY decided_at DESC, id DESC LIMIT " + AUTO_BLESSED_LIMIT)) {
            select.setTimestamp(1, Timestamp.from(since));
            select.setString(2, job);
            select.setString(3, job);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    blessed.add(new AutoBlessed(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), ChangeRepository.enumOrNull(Method.class, rs.getString(6)), rs.getString(7),
                            rs.getTimestamp(8).toInstant()));
                }
            }
        }
        return blessed;
    }
}

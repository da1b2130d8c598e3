package dev.stalewatch.snapshot.service;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.stalewatch.events.StageKey;
import dev.stalewatch.events.VersionObserved;
import dev.stalewatch.messaging.consume.BatchHandler;
import dev.stalewatch.messaging.consume.Delivery;
import dev.stalewatch.messaging.failure.PoisonRecordException;
import dev.stalewatch.snapshot.domain.Reconciler;
import dev.stalewatch.snapshot.store.HistogramRepository;
import dev.stalewatch.snapshot.store.OlderReportRepository;
import dev.stalewatch.snapshot.store.SnapshotRecord;
import dev.stalewatch.snapshot.store.SnapshotRepository;
import dev.stalewatch.snapshot.store.StageRepository;
import dev.stalewatch.snapshot.store.StageRow;

/**
 * Applies VersionObserved reports in one transaction: snapshots stored once, the current-hash
 * pointer moved by first reports of newer hashes, the newest histogram kept, then each touched
 * stage reconciled once. Stages are locked in sorted order first.
 */
@ApplicationScoped
public class ObservationIngest implements BatchHandler<VersionObserved> {

    private static final Logger LOG = Logger.getLogger(ObservationIngest.class);
    /** Clocks a few seconds apart are common and harmless; beyond this the worker's clock needs fixing. */
    private static final Duration CLOCK_AHEAD_WORTH_A_WARNING = Duration.ofSeconds(30);

    @Inject
    StageRepository stages;
    @Inject
    SnapshotRepository snapshots;
    @Inject
    HistogramRepository histograms;
    @Inject
    OlderReportRepository olderReports;
    @Inject
    StageReconciliation reconciliation;
    @Inject
    HashCheck hashCheck;

    /** A report whose hash is not that of its own content is dead-lettered before any transaction. */
    @Override
    public void check(VersionObserved report) {
        hashCheck.requireMatchingHash(report);
    }

    /** Every row this writes belongs to the report's stage (the outbox and dedup rows are inserts). */
    @Override
    public Object independenceKey(VersionObserved report) {
        return new StageKey(report.jobId(), report.stage());
    }

    @Override
    public void handle(Connection tx, List<Delivery<VersionObserved>> batch) throws Exception {
        Instant now = Instant.now();
        apply(tx, batch.stream().map(d -> observedNoLaterThan(now, d.event())).toList());
    }

    /**
     * A report from a worker whose clock is ahead (by up to a day: the contract refuses more) counts as
     * observed now. Taken at its word, it would stay the newest report until the wall clock caught up,
     * and every newer version or histogram reported meanwhile would be taken for an older one.
     */
    static VersionObserved observedNoLaterThan(Instant now, VersionObserved report) {
        if (!report.observedAt().isAfter(now)) {
            return report;
        }
        if (report.observedAt().isAfter(now.plus(CLOCK_AHEAD_WORTH_A_WARNING))) {
            LOG.warnf("worker %s's clock is ahead by %s: its report of %s/%s version %s says observedAt %s;"
                    + " taken as observed at %s", report.workerId() == null ? "(unnamed)" : report.workerId(),
                    Duration.between(now, report.observedAt()).withNanos(0), report.jobId(), report.stage(),
                    report.versionHash(), report.observedAt(), now);
        }
        return report.withObservedAt(now);
    }

    /** Applies reports whose hashes were {@linkplain #check checked}. */
    private void apply(Connection tx, List<VersionObserved> reports) throws Exception {
        Map<StageKey, List<VersionObserved>> byStage = new LinkedHashMap<>();
        for (VersionObserved report : reports) {
            byStage.computeIfAbsent(new StageKey(report.jobId(), report.stage()), k -> new ArrayList<>()).add(report);
        }
        Map<StageKey, StageRow> locked = stages.lockCreatingMissing(tx, byStage.keySet());
        Map<StageKey, Map<String, Long>> storedHistograms = histograms.findAll(tx, locked.keySet());
        // Written for all stages at the end, in two statements, where no reconciliation needs them earlier.
        Map<StageKey, Map<String, Long>> newHistograms = new LinkedHashMap<>();
        Map<StageKey, Instant> newHistogramTimes = new LinkedHashMap<>();
        for (Map.Entry<StageKey, StageRow> stage : locked.entrySet()) {
            StageKey key = stage.getKey();
            StageRow row = stage.getValue();
            List<VersionObserved> stageReports = byStage.get(key);
            if (!onlyReportTheCurrentVersion(row, stageReports) || !refreshCurrentCounts(row, stageReports,
                    storedHistograms.get(key), newHistograms, newHistogramTimes)) {
                applyToStage(tx, row, stageReports, storedHistograms.get(key), newHistograms, newHistogramTimes);
            }
        }
        histograms.replaceAll(tx, newHistograms);
        stages.setHistogramObservedAt(tx, newHistogramTimes);
    }

    /** Workers of the current version reporting again: the common case, and the cheap one. */
    private static boolean onlyReportTheCurrentVersion(StageRow row, List<VersionObserved> reports) {
        return row.currentHash() != null && reports.stream().allMatch(r -> r.versionHash().equals(row.currentHash()));
    }

    /**
     * Applies reports of the current version whose histograms differ from the stored one only in
     * the current hash's own count. Reconciling after such a report changes nothing (the current
     * class's results are never stale), so the stage's new histogram is written with the others in
     * one statement. Answers false, having written nothing, when a histogram touches another hash:
     * then the stage takes the report-by-report path.
     */
    private static boolean refreshCurrentCounts(StageRow row, List<VersionObserved> reports, Map<String, Long> stored,
            Map<StageKey, Map<String, Long>> newHistograms, Map<StageKey, Instant> newHistogramTimes) {
        Instant newestAt = row.histogramObservedAt();
        Map<String, Long> newest = stored;
        for (VersionObserved report : reports) {
            if (newestAt != null && !report.observedAt().isAfter(newestAt)) {
                continue;
            }
            if (!sameApartFrom(row.currentHash(), newest, report.resultVersions())) {
                return false;
            }
            newestAt = report.observedAt();
            newest = report.resultVersions();
        }
        StageKey key = new StageKey(row.jobId(), row.stage());
        if (!Objects.equals(newestAt, row.histogramObservedAt())) {
            newHistogramTimes.put(key, newestAt);
        }
        if (!newest.equals(stored)) {
            newHistograms.put(key, newest);
        }
        return true;
    }

    /** Whether two histograms agree on every hash but {@code hash} (null: on every hash). */
    private static boolean sameApartFrom(String hash, Map<String, Long> a, Map<String, Long> b) {
        Map<String, Long> left = new java.util.HashMap<>(a);
        Map<String, Long> right = new java.util.HashMap<>(b);
        left.remove(hash);
        right.remove(hash);
        return left.equals(right);
    }

    /**
     * Applies the stage's reports one by one in arrival (partition) order, reconciling after each
     * one that changed something. The result is then the same however the stream was cut into
     * batches, and the same with one replica or several.
     */
    private void applyToStage(Connection tx, StageRow row, List<VersionObserved> reports, Map<String, Long> stored,
            Map<StageKey, Map<String, Long>> newHistograms, Map<StageKey, Instant> newHistogramTimes) throws Exception {
        StageKey key = new StageKey(row.jobId(), row.stage());
        String current = row.currentHash();
        Instant currentFirstObserved = row.currentFirstObservedAt();
        Instant histogramObservedAt = row.histogramObservedAt();
        Map<String, Long> histogram = stored;
        boolean histogramUnwritten = false;
        boolean mayHaveChanges = row.mayHaveChanges();
        long staleItems = row.staleItems();

        for (VersionObserved report : reports) {
            boolean changed = false;
            String movedFrom = null;
            // The current version's snapshot is on file by construction: nothing to store or check.
            boolean ofCurrent = report.versionHash().equals(current);
            if (report.hasSource() && !ofCurrent) {
                boolean first = snapshots.insertIfAbsent(tx, new SnapshotRecord(key.jobId(), key.stage(),
                        report.versionHash(), report.hashAlgorithm(), report.language(), report.source(),
                        report.deps(), report.observedAt(), report.workerId()));
                changed = first;
                if (first && (currentFirstObserved == null || report.observedAt().isAfter(currentFirstObserved))) {
                    LOG.debugf("stage %s: current version %s -> %s", key, current, report.versionHash());
                    movedFrom = current;
                    current = report.versionHash();
                    currentFirstObserved = report.observedAt();
                    stages.setCurrent(tx, key, current);
                }
            } else if (!report.hasSource() && !ofCurrent && !snapshots.exists(tx, key, report.versionHash())) {
                throw new PoisonRecordException("histogram-only report names hash " + report.versionHash()
                        + " that " + key + " never reported with source");
            }
            if (!Objects.equals(report.versionHash(), current)) {
                noteOlderReport(tx, key, report, current, currentFirstObserved);
            }
            if (histogramObservedAt == null || report.observedAt().isAfter(histogramObservedAt)) {
                histogramObservedAt = report.observedAt();
                if (!histogram.equals(report.resultVersions())) {
                    // Only counts outside the current version can change what is stale.
                    changed |= !sameApartFrom(current, histogram, report.resultVersions());
                    histogram = report.resultVersions();
                    histogramUnwritten = true;
                }
            }
            // A first version, or a move while only the current version has results, has nothing to
            // reconcile: common in a backlog, and skipping it spares the stage's view three queries.
            boolean idle = staleItems == 0 && Reconciler.certainlyIdle(current, mayHaveChanges, histogram);
            if ((changed || movedFrom != null) && !idle) {
                if (histogramUnwritten) {
                    histograms.replace(tx, key, histogram);
                    histogramUnwritten = false;
                }
                staleItems = reconciliation.reconcile(tx, key, current, movedFrom);
                mayHaveChanges = true;
            }
        }
        if (histogramUnwritten) {
            newHistograms.put(key, histogram);
        }
        if (!Objects.equals(histogramObservedAt, row.histogramObservedAt())) {
            newHistogramTimes.put(key, histogramObservedAt);
        }
    }

    /** An older version reported after a newer one became current: some worker runs old code. */
    private void noteOlderReport(Connection tx, StageKey key, VersionObserved report, String current,
            Instant currentFirstObserved) throws Exception {
        if (current == null || currentFirstObserved == null || !report.observedAt().isAfter(currentFirstObserved)) {
            return;
        }
        Instant reportedFirst = snapshots.firstObservedAt(tx, key, report.versionHash()).orElse(null);
        if (reportedFirst != null && reportedFirst.isBefore(currentFirstObserved)) {
            olderReports.upsert(tx, key, report.versionHash(), current, report.observedAt());
        }
    }

}

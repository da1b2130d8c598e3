package dev.stalewatch.snapshot.service;

import java.sql.Connection;
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
import dev.stalewatch.messaging.failure.PoisonRecordException;
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
public class ObservationIngest {

    private static final Logger LOG = Logger.getLogger(ObservationIngest.class);

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

    public void apply(Connection tx, List<VersionObserved> reports) throws Exception {
        Map<StageKey, List<VersionObserved>> byStage = new LinkedHashMap<>();
        for (VersionObserved report : reports) {
            HashCheck.requireMatchingHash(report);
            byStage.computeIfAbsent(new StageKey(report.jobId(), report.stage()), k -> new ArrayList<>()).add(report);
        }
        Map<StageKey, StageRow> locked = stages.lockCreatingMissing(tx, byStage.keySet());
        for (Map.Entry<StageKey, StageRow> stage : locked.entrySet()) {
            applyToStage(tx, stage.getValue(), byStage.get(stage.getKey()));
        }
    }

    /**
     * Applies the stage's reports one by one in arrival (partition) order, reconciling after each
     * one that changed something. The result is then the same however the stream was cut into
     * batches, and the same with one replica or several.
     */
    private void applyToStage(Connection tx, StageRow row, List<VersionObserved> reports) throws Exception {
        StageKey key = new StageKey(row.jobId(), row.stage());
        String current = row.currentHash();
        Instant currentFirstObserved = current == null ? null
                : snapshots.find(tx, key, current).map(SnapshotRecord::firstObservedAt).orElse(null);
        Instant histogramObservedAt = row.histogramObservedAt();
        Map<String, Long> histogram = null;

        for (VersionObserved report : reports) {
            boolean changed = false;
            String movedFrom = null;
            if (report.hasSource()) {
                boolean first = snapshots.insertIfAbsent(tx, new SnapshotRecord(key.jobId(), key.stage(),
                        report.versionHash(), report.hashAlgorithm(), report.language(), report.source(),
                        report.deps(), report.observedAt(), report.workerId()));
                changed = first;
                if (first && (currentFirstObserved == null || report.observedAt().isAfter(currentFirstObserved))) {
                    LOG.infof("stage %s: current version %s -> %s", key, current, report.versionHash());
                    movedFrom = current;
                    current = report.versionHash();
                    currentFirstObserved = report.observedAt();
                    stages.setCurrent(tx, key, current);
                }
            } else if (!snapshots.exists(tx, key, report.versionHash())) {
                throw new PoisonRecordException("histogram-only report names hash " + report.versionHash()
                        + " that " + key + " never reported with source");
            }
            if (!Objects.equals(report.versionHash(), current)) {
                noteOlderReport(tx, key, report, current, currentFirstObserved);
            }
            if (histogramObservedAt == null || report.observedAt().isAfter(histogramObservedAt)) {
                histogramObservedAt = report.observedAt();
                if (histogram == null) {
                    histogram = histograms.find(tx, key);
                }
                if (!histogram.equals(report.resultVersions())) {
                    histograms.replace(tx, key, report.resultVersions());
                    histogram = report.resultVersions();
                    changed = true;
                }
            }
            if (changed || movedFrom != null) {
                reconciliation.reconcile(tx, key, current, movedFrom);
            }
        }
        if (!Objects.equals(histogramObservedAt, row.histogramObservedAt())) {
            stages.setHistogramObservedAt(tx, key, histogramObservedAt);
        }
    }

    /** An older version reported after a newer one became current: some worker runs old code. */
    private void noteOlderReport(Connection tx, StageKey key, VersionObserved report, String current,
            Instant currentFirstObserved) throws Exception {
        if (current == null || currentFirstObserved == null || !report.observedAt().isAfter(currentFirstObserved)) {
            return;
        }
        Instant reportedFirst = snapshots.find(tx, key, report.versionHash())
                .map(SnapshotRecord::firstObservedAt).orElse(null);
        if (reportedFirst != null && reportedFirst.isBefore(currentFirstObserved)) {
            olderReports.upsert(tx, key, report.versionHash(), current, report.observedAt());
        }
    }

}

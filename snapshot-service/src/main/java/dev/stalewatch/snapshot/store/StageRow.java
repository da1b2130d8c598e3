package dev.stalewatch.snapshot.store;

import java.time.Instant;

/** The locked stage row. */
public record StageRow(String jobId, String stage, String currentHash, Instant histogramObservedAt, long staleItems) {
}

package dev.stalewatch.snapshot.store;

import java.time.Instant;

/**
 * The locked stage row, with when the current version was first observed (null without a current
 * version, or where the reading query does not need it), and whether the stage may have a
 * TRIAGING, PENDING or RESET change (true where the reading query does not ask).
 */
public record StageRow(String jobId, String stage, String currentHash, Instant histogramObservedAt, long staleItems,
        Instant currentFirstObservedAt, boolean mayHaveChanges) {
}

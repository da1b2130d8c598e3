package dev.stalewatch.snapshot.decision;

import java.util.List;

import dev.stalewatch.snapshot.rest.dto.StaleChange;

/** What a decision did: the changes it touched (in their new state) and the stage's stale count after it. */
public record DecisionResult(String jobId, String stage, String currentHash, List<StaleChange> changes,
        long staleItems) {
}

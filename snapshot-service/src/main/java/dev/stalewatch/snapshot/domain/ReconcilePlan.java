package dev.stalewatch.snapshot.domain;

import java.util.List;
import java.util.Map;

/**
 * What reconciliation decided for one stage: changes to close, changes to create, and the new
 * stale count of each change that stays open (by id), plus the stage's stale total.
 */
public record ReconcilePlan(List<ChangeClosure> closures, List<NewChange> creations,
        Map<Long, Long> staleItemsByOpenChange, long staleItems) {
}

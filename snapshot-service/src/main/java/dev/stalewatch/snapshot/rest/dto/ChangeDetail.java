package dev.stalewatch.snapshot.rest.dto;

import java.time.Instant;
import java.util.List;

import dev.stalewatch.events.ChangeState;
import dev.stalewatch.events.Method;
import dev.stalewatch.events.Verdict;
import dev.stalewatch.snapshot.store.HistoryEntry;

/**
 * GET /api/changes/{id}: the change, both versions (null when not on file), their unified diff,
 * and every state it went through.
 */
public record ChangeDetail(String changeId, String jobId, String stage, String oldHash, String newHash,
        ChangeState state, int attempt, Verdict verdict, Method method, String model, String reason, String author,
        long staleItems, Instant createdAt, Instant decidedAt, SnapshotView oldSnapshot, SnapshotView newSnapshot,
        String diff, List<HistoryEntry> history) {
}

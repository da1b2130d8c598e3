package dev.stalewatch.snapshot.rest.dto;

import java.util.List;

import dev.stalewatch.snapshot.store.EdgeRecord;
import dev.stalewatch.snapshot.store.HistoryEntry;

/** GET /api/stages/{job}/{stage}/history: every change with its states, and every equivalence. */
public record StageHistory(String jobId, String stage, String currentHash, List<ChangeHistory> changes,
        List<EdgeRecord> equivalences) {

    public record ChangeHistory(String changeId, String oldHash, String newHash, String state, int attempt,
            List<HistoryEntry> history) {
    }
}

package dev.stalewatch.snapshot.store;

import java.time.Instant;

import dev.stalewatch.events.ChangeState;
import dev.stalewatch.events.Method;
import dev.stalewatch.events.Verdict;

/** One state a change entered. */
public record HistoryEntry(String changeId, Instant at, ChangeState state, int attempt, Verdict verdict,
        Method method, String reason, String author) {
}

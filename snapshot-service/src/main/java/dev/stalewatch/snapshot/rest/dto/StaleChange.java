package dev.stalewatch.snapshot.rest.dto;

import dev.stalewatch.events.ChangeState;
import dev.stalewatch.events.Method;
import dev.stalewatch.events.Verdict;

/** An open change in the stale listing; {@code state} TRIAGING marks one still being triaged. */
public record StaleChange(String changeId, String oldHash, String newHash, ChangeState state, Verdict verdict,
        Method method, String reason, long staleItems) {
}

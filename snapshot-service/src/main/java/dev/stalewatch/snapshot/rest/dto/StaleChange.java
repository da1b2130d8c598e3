package dev.stalewatch.snapshot.rest.dto;

import dev.stalewatch.events.ChangeState;
import dev.stalewatch.events.Method;
import dev.stalewatch.events.Verdict;
import dev.stalewatch.snapshot.store.ChangeRecord;

/** An open change in the stale listing; {@code state} TRIAGING marks one still being triaged. */
public record StaleChange(String changeId, String oldHash, String newHash, ChangeState state, Verdict verdict,
        Method method, String reason, long staleItems) {

    public static StaleChange of(ChangeRecord c) {
        return new StaleChange(c.changeId(), c.oldHash(), c.newHash(), c.state(), c.verdict(), c.method(), c.reason(),
                c.staleItems());
    }
}

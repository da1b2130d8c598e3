package dev.stalewatch.snapshot.store;

import java.time.Instant;

import dev.stalewatch.events.ChangeState;
import dev.stalewatch.events.Method;
import dev.stalewatch.events.Verdict;
import dev.stalewatch.snapshot.domain.ChangeFacts;

/** A change row. */
public record ChangeRecord(long id, String changeId, String jobId, String stage, String oldHash, String newHash,
        ChangeState state, int attempt, boolean deploy, Verdict verdict, Method method, String model, String reason,
        String author, long staleItems, Instant createdAt, Instant decidedAt) {

    public ChangeFacts facts() {
        return new ChangeFacts(id, oldHash, newHash, state, deploy, staleItems);
    }

    public ChangeRecord withState(ChangeState newState, Verdict newVerdict, Method newMethod, String newModel,
            String newReason, String newAuthor) {
        return new ChangeRecord(id, changeId, jobId, stage, oldHash, newHash, newState, attempt, deploy, newVerdict,
                newMethod, newModel, newReason, newAuthor, staleItems, createdAt, decidedAt);
    }

    public ChangeRecord withStaleItems(long items) {
        return new ChangeRecord(id, changeId, jobId, stage, oldHash, newHash, state, attempt, deploy, verdict, method,
                model, reason, author, items, createdAt, decidedAt);
    }
}

package dev.stalewatch.triageservice.store;

import java.time.Instant;

import dev.stalewatch.events.Method;
import dev.stalewatch.events.StalewatchEvent;
import dev.stalewatch.events.TriageVerdict;
import dev.stalewatch.events.Verdict;

/** A verdict row: the event it publishes, always with the same event id and time. */
public record StoredVerdict(String changeId, int attempt, String jobId, String stage, String oldHash, String newHash,
        long staleItems, Verdict verdict, Method method, String model, String reason, String eventId,
        Instant decidedAt, Instant publishedAt) {

    public TriageVerdict toEvent() {
        return new TriageVerdict(eventId, StalewatchEvent.SCHEMA_VERSION, decidedAt, changeId, attempt, jobId, stage,
                oldHash, newHash, staleItems, verdict, method, model, reason);
    }
}

package dev.stalewatch.events;

import java.time.Instant;

/**
 * triage-service's answer for one (changeId, attempt).
 *
 * @param model the LLM that answered; null unless {@code method} is LLM
 */
public record TriageVerdict(
    String eventId,
    Integer schemaVersion,
    Instant decidedAt,
    String changeId,
    Integer attempt,
    String jobId,
    String stage,
    String oldHash,
    String newHash,
    Long staleItems,
    Verdict verdict,
    Method method,
    String model,
    String reason)
    implements StalewatchEvent {

  /** The verdict on {@code change}, copying its identity, attempt, hashes and stale count. */
  public static TriageVerdict forChange(
      VersionChanged change, Verdict verdict, Method method, String model, String reason) {
    return new TriageVerdict(
        EventDefaults.newEventId(),
        SCHEMA_VERSION,
        EventDefaults.now(),
        change.changeId(),
        change.attempt(),
        change.jobId(),
        change.stage(),
        change.oldHash(),
        change.newHash(),
        change.staleItems(),
        verdict,
        method,
        model,
        reason);
  }

  @Override
  public Instant timestamp() {
    return decidedAt;
  }

  @Override
  public EventType eventType() {
    return EventType.TRIAGE_VERDICT;
  }
}

package dev.stalewatch.events;

import java.time.Instant;

/**
 * snapshot-service accepted a transition of a change into {@code state}; the notifier pushes from
 * these.
 *
 * @param verdict null while no verdict exists (e.g. a change closed while still triaging)
 * @param author the named API token behind a manual decision; null for automatic ones
 */
public record ChangeDecided(
    String eventId,
    Integer schemaVersion,
    Instant decidedAt,
    String changeId,
    String jobId,
    String stage,
    String oldHash,
    String newHash,
    ChangeState state,
    Verdict verdict,
    Method method,
    String reason,
    Long staleItems,
    String author)
    implements StalewatchEvent {

  public static ChangeDecided create(
      String changeId,
      String jobId,
      String stage,
      String oldHash,
      String newHash,
      ChangeState state,
      Verdict verdict,
      Method method,
      String reason,
      long staleItems,
      String author) {
    return new ChangeDecided(
        EventDefaults.newEventId(),
        SCHEMA_VERSION,
        EventDefaults.now(),
        changeId,
        jobId,
        stage,
        oldHash,
        newHash,
        state,
        verdict,
        method,
        reason,
        staleItems,
        author);
  }

  @Override
  public Instant timestamp() {
    return decidedAt;
  }

  @Override
  public EventType eventType() {
    return EventType.CHANGE_DECIDED;
  }
}

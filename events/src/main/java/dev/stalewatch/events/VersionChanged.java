package dev.stalewatch.events;

import java.time.Instant;

/**
 * snapshot-service asks for triage of one change from {@code oldHash} (its class's representative)
 * to {@code newHash}. A retriage publishes it again with {@code attempt} + 1.
 */
public record VersionChanged(
    String eventId,
    Integer schemaVersion,
    Instant createdAt,
    String changeId,
    Integer attempt,
    String jobId,
    String stage,
    String oldHash,
    String newHash,
    Long staleItems)
    implements StalewatchEvent {

  public static VersionChanged create(
      String changeId,
      int attempt,
      String jobId,
      String stage,
      String oldHash,
      String newHash,
      long staleItems) {
    return new VersionChanged(
        EventDefaults.newEventId(),
        SCHEMA_VERSION,
        EventDefaults.now(),
        changeId,
        attempt,
        jobId,
        stage,
        oldHash,
        newHash,
        staleItems);
  }

  @Override
  public Instant timestamp() {
    return createdAt;
  }

  @Override
  public EventType eventType() {
    return EventType.VERSION_CHANGED;
  }
}

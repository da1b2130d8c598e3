package dev.stalewatch.events;

import java.time.Instant;
import java.util.List;

/** Asks the pipeline to recompute the stage's results made by {@code staleHashes}. */
public record ResetRequested(
    String eventId,
    Integer schemaVersion,
    Instant requestedAt,
    String jobId,
    String stage,
    String currentHash,
    List<String> staleHashes,
    String requestedBy)
    implements StalewatchEvent {

  public ResetRequested {
    staleHashes = Copies.list(staleHashes);
  }

  public static ResetRequested create(
      String jobId,
      String stage,
      String currentHash,
      List<String> staleHashes,
      String requestedBy) {
    return new ResetRequested(
        EventDefaults.newEventId(),
        SCHEMA_VERSION,
        EventDefaults.now(),
        jobId,
        stage,
        currentHash,
        staleHashes,
        requestedBy);
  }

  @Override
  public Instant timestamp() {
    return requestedAt;
  }

  @Override
  public EventType eventType() {
    return EventType.RESET_REQUESTED;
  }
}

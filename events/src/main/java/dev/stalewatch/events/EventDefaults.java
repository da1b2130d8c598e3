package dev.stalewatch.events;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** What the records' static factories fill in for every new event. */
final class EventDefaults {

  private EventDefaults() {}

  static String newEventId() {
    return UUID.randomUUID().toString();
  }

  /**
   * Now, in microseconds: PostgreSQL keeps microseconds, so an event stored and read back still
   * equals the one that was published.
   */
  static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }
}

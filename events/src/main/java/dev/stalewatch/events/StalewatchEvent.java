package dev.stalewatch.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;

/**
 * What every Stalewatch event has in common, so the messaging layer can key, dedupe and route any
 * event without knowing its type.
 */
public sealed interface StalewatchEvent
    permits VersionObserved, VersionChanged, TriageVerdict, ChangeDecided, ResetRequested {

  /** The only schema version this code reads and writes. */
  int SCHEMA_VERSION = 1;

  String eventId();

  Integer schemaVersion();

  String jobId();

  String stage();

  /** The event's own timestamp (observedAt, createdAt, decidedAt or requestedAt). */
  @JsonIgnore
  Instant timestamp();

  @JsonIgnore
  EventType eventType();

  /** The {@code type} field on the wire. */
  @JsonIgnore
  default String type() {
    return eventType().wireName();
  }

  /** Kafka record key: one stage's events share a partition and so stay in order. */
  @JsonIgnore
  default String key() {
    return StageKey.format(jobId(), stage());
  }
}

package dev.stalewatch.events;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Ties each event's wire {@code type} name to its record class and the topic it travels on. */
public enum EventType {
  VERSION_OBSERVED(
      "VersionObserved", VersionObserved.class, Topics.VERSION_OBSERVED, "observedAt"),
  VERSION_CHANGED("VersionChanged", VersionChanged.class, Topics.VERSION_CHANGES, "createdAt"),
  TRIAGE_VERDICT("TriageVerdict", TriageVerdict.class, Topics.VERDICTS, "decidedAt"),
  CHANGE_DECIDED("ChangeDecided", ChangeDecided.class, Topics.CHANGE_DECISIONS, "decidedAt"),
  RESET_REQUESTED("ResetRequested", ResetRequested.class, Topics.RESET_REQUESTED, "requestedAt");

  private final String wireName;
  private final Class<? extends StalewatchEvent> recordClass;
  private final String topic;
  private final String timestampField;

  EventType(
      String wireName,
      Class<? extends StalewatchEvent> recordClass,
      String topic,
      String timestampField) {
    this.wireName = wireName;
    this.recordClass = recordClass;
    this.topic = topic;
    this.timestampField = timestampField;
  }

  public String wireName() {
    return wireName;
  }

  public Class<? extends StalewatchEvent> recordClass() {
    return recordClass;
  }

  public String topic() {
    return topic;
  }

  /** Name of the JSON field that {@link StalewatchEvent#timestamp()} reads. */
  public String timestampField() {
    return timestampField;
  }

  public static Optional<EventType> fromWireName(String wireName) {
    return Arrays.stream(values()).filter(t -> t.wireName.equals(wireName)).findFirst();
  }

  public static EventType of(Class<? extends StalewatchEvent> recordClass) {
    return Arrays.stream(values())
        .filter(t -> t.recordClass.equals(recordClass))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("not an event record: " + recordClass));
  }

  public static List<String> wireNames() {
    return Arrays.stream(values()).map(EventType::wireName).toList();
  }
}

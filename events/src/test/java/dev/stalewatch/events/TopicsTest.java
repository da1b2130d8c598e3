package dev.stalewatch.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TopicsTest {

  @Test
  void eachEventTypeTravelsOnItsDesignTopic() {
    assertEquals(
        List.of(
            "stalewatch.version-observed.v1",
            "stalewatch.version-changes.v1",
            "stalewatch.verdicts.v1",
            "stalewatch.change-decisions.v1",
            "stalewatch.reset-requested.v1"),
        List.of(EventType.values()).stream().map(EventType::topic).toList());
    assertEquals(Topics.ALL, List.of(EventType.values()).stream().map(EventType::topic).toList());
  }

  @Test
  void deadLetterTopicIsTopicThenConsumerServiceThenDlq() {
    assertEquals(
        "stalewatch.version-observed.v1.snapshot-service.dlq",
        Topics.deadLetter(Topics.VERSION_OBSERVED, "snapshot-service"));
    assertTrue(Topics.isDeadLetter(Topics.deadLetter(Topics.VERDICTS, "snapshot-service")));
  }

  @Test
  void deadLetterNeedsAPlainServiceName() {
    assertThrows(IllegalArgumentException.class, () -> Topics.deadLetter(Topics.VERDICTS, "Snapshot Service"));
  }

  @Test
  void deadLetterHeadersAreSmallRyesNames() {
    assertEquals(
        List.of(
            "dead-letter-reason",
            "dead-letter-cause",
            "dead-letter-topic",
            "dead-letter-partition",
            "dead-letter-offset",
            "dead-letter-exception-class-name"),
        DeadLetterHeaders.ALL);
  }

  @Test
  void deadLetterTopicsAllowMoreThanRecordTopicsWhichAllowMoreThanSource() {
    assertEquals(2 * 1024 * 1024, MessageLimits.MAX_RECORD_BYTES);
    assertEquals(3 * 1024 * 1024, MessageLimits.MAX_DEAD_LETTER_RECORD_BYTES);
    assertEquals(256 * 1024, MessageLimits.DEFAULT_MAX_SOURCE_BYTES);
  }

  @Test
  void stageKeyParsesWhatEventsUseAsKey() {
    StageKey key = StageKey.parse(SampleEvents.versionObserved().key());

    assertEquals(new StageKey("vic_ideas", "extract"), key);
    assertEquals("vic_ideas/extract", key.toString());
  }

  @Test
  void stageKeyRejectsAKeyWithoutExactlyOneSlash() {
    assertThrows(IllegalArgumentException.class, () -> StageKey.parse("vic_ideas"));
    assertThrows(IllegalArgumentException.class, () -> StageKey.parse("vic/ideas/extract"));
  }

  @Test
  void wireTypeNamesMapBackToTheirEventTypes() {
    for (EventType type : EventType.values()) {
      assertEquals(type, EventType.fromWireName(type.wireName()).orElseThrow());
      assertEquals(type, EventType.of(type.recordClass()));
    }
  }
}

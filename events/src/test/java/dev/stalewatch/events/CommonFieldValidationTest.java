package dev.stalewatch.events;

import static dev.stalewatch.events.Rejections.assertDecodeRejects;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Rules every event type shares: eventId, schemaVersion, its timestamp, jobId and stage. */
class CommonFieldValidationTest {

  static List<StalewatchEvent> samples() {
    return SampleEvents.all();
  }

  @ParameterizedTest
  @MethodSource("samples")
  void schemaVersionOtherThanOneIsRejectedNamingIt(StalewatchEvent event) {
    EventValidationException e =
        assertDecodeRejects(event, json -> json.put("schemaVersion", 2), "schemaVersion");

    assertTrue(e.getMessage().contains("must be 1"), e.getMessage());
  }

  @ParameterizedTest
  @MethodSource("samples")
  void eventIdThatIsNotAUuidIsRejectedNamingIt(StalewatchEvent event) {
    assertDecodeRejects(event, json -> json.put("eventId", "not-a-uuid"), "eventId");
  }

  @ParameterizedTest
  @MethodSource("samples")
  void eventIdInBase64InsteadOfCanonicalUuidFormIsRejected(StalewatchEvent event) {
    assertDecodeRejects(event, json -> json.put("eventId", "b2YxYzJkM2U0YTViNGM2ZA=="), "eventId");
  }

  @ParameterizedTest
  @MethodSource("samples")
  void timestampWithNonUtcOffsetIsRejectedNamingIt(StalewatchEvent event) {
    String field = event.eventType().timestampField();

    EventValidationException e =
        assertDecodeRejects(event, json -> json.put(field, "2026-11-27T12:15:00+02:00"), field);

    assertTrue(e.getMessage().contains("UTC"), e.getMessage());
  }

  @ParameterizedTest
  @MethodSource("samples")
  void timestampThatIsNotIsoIsRejectedNamingIt(StalewatchEvent event) {
    String field = event.eventType().timestampField();

    assertDecodeRejects(event, json -> json.put(field, "27/11/2026 10:15Z"), field);
  }

  @ParameterizedTest
  @MethodSource("samples")
  void timestampAsEpochNumberIsRejectedNamingIt(StalewatchEvent event) {
    String field = event.eventType().timestampField();

    assertDecodeRejects(event, json -> json.put(field, 1795774500), field);
  }

  @ParameterizedTest
  @MethodSource("samples")
  void stageNameWithSlashIsRejectedNamingStage(StalewatchEvent event) {
    assertDecodeRejects(event, json -> json.put("stage", "extract/v2"), "stage");
  }

  @ParameterizedTest
  @MethodSource("samples")
  void jobNameLongerThan128IsRejectedNamingJobId(StalewatchEvent event) {
    assertDecodeRejects(event, json -> json.put("jobId", "j".repeat(129)), "jobId");
  }
}

package dev.stalewatch.events;

import static dev.stalewatch.events.Rejections.assertRejectedNaming;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Validation of events built in Java, before they are published. */
class EventValidatorTest {

  private final EventValidator validator = new EventValidator();

  @Test
  void validEventIsReturnedUnchanged() {
    VersionObserved event = SampleEvents.versionObserved();

    assertSame(event, validator.validate(event));
  }

  @Test
  void eventBuiltInJavaIsValidatedWithoutAnyJson() {
    VersionObserved event =
        VersionObserved.create(
            "vic/ideas", "extract", "9a4e1c5d7b3e", "md5", "python", new Source("f", "pass"),
            List.of(), Map.of(), null);

    assertRejectedNaming("jobId", () -> validator.validate(event));
  }

  @Test
  void everyBrokenRuleIsReportedAtOnce() {
    VersionChanged event = new VersionChanged(null, 2, null, "c-1", 0, "job", "stage", "x", "bbbbbbbb", -1L);

    List<String> paths = validator.violations(event).stream().map(Violation::path).toList();

    assertEquals(List.of("eventId", "schemaVersion", "createdAt", "oldHash", "staleItems", "attempt"), paths);
  }

  @Test
  void encodingRefusesAnInvalidEvent() {
    ResetRequested event = ResetRequested.create("job", "stage", "bbbbbbbb", List.of("aaaaaaaa"), " ");

    assertRejectedNaming("requestedBy", () -> Rejections.CODEC.encode(event));
  }

  @Test
  void codeDepBuiltInJavaWithoutLanguageIsRejected() {
    VersionObserved event =
        SampleEvents.observedWith(new Source("f", "pass"), List.of(new Dep("helper", DepKind.CODE, null, "def helper(): pass")));

    assertRejectedNaming("deps[0].language", () -> validator.validate(event));
  }

  @Test
  void defaultSourceLimitIs256KibAndAcceptsExactlyThat() {
    VersionObserved atLimit =
        SampleEvents.observedWith(new Source("f", "x".repeat(256 * 1024)), List.of());

    assertEquals(256 * 1024, validator.maxSourceBytes());
    validator.validate(atLimit);
  }

  @Test
  void nonPositiveSourceLimitIsAProgrammingError() {
    assertThrows(IllegalArgumentException.class, () -> new EventValidator(0));
  }

  @Test
  void exceptionNamesTheFirstViolationAsItsPath() {
    EventValidationException e =
        assertThrows(
            EventValidationException.class,
            () -> validator.validate(ResetRequested.create("job", "st/age", "short", List.of(), "alice")));

    assertEquals("stage", e.path());
    assertTrue(e.getMessage().startsWith("stage: "), e.getMessage());
  }
}

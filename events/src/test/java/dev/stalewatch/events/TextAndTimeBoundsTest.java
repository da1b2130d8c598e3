package dev.stalewatch.events;

import static dev.stalewatch.events.Rejections.CODEC;
import static dev.stalewatch.events.Rejections.assertDecodeRejects;
import static dev.stalewatch.events.Rejections.assertRejectedNaming;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Texts no database can hold and times no clock should give are refused before anything stores them. */
class TextAndTimeBoundsTest {

  private static final String NUL = "\u0000";

  @Test
  void nulInTheSourceTextIsRefusedNamingTheFieldOnBothPaths() {
    EventValidationException e = assertDecodeRejects(SampleEvents.versionObserved(),
        json -> ((ObjectNode) json.get("source")).put("text", "def f():" + NUL + "\n    return 1\n"), "source.text");

    assertTrue(e.getMessage().contains("U+0000"), e.getMessage());
  }

  @Test
  void nulInADepTextOrNameIsRefusedNamingTheDep() {
    assertDecodeRejects(SampleEvents.versionObserved(),
        json -> ((ObjectNode) ((ArrayNode) json.get("deps")).get(1)).put("text", NUL), "deps[1].text");
    assertDecodeRejects(SampleEvents.versionObserved(),
        json -> ((ObjectNode) ((ArrayNode) json.get("deps")).get(0)).put("name", "PROMPT" + NUL), "deps[0].name");
  }

  @Test
  void nulInTheWorkerIdIsRefused() {
    assertDecodeRejects(SampleEvents.versionObserved(), json -> json.put("workerId", "w" + NUL), "workerId");
  }

  @Test
  void nulInAVerdictsReasonOrModelIsRefused() {
    assertDecodeRejects(SampleEvents.triageVerdict(), json -> json.put("reason", "fine" + NUL), "reason");
    assertDecodeRejects(SampleEvents.triageVerdict(), json -> json.put("model", NUL), "model");
  }

  @Test
  void nulInADecisionsReasonOrAuthorOrAResetsRequesterIsRefused() {
    assertDecodeRejects(SampleEvents.changeDecided(), json -> json.put("reason", NUL), "reason");
    assertDecodeRejects(SampleEvents.changeDecided(), json -> json.put("author", "al" + NUL + "ice"), "author");
    assertDecodeRejects(SampleEvents.resetRequested(), json -> json.put("requestedBy", NUL + "x"), "requestedBy");
  }

  @Test
  void nulInAnEventBuiltInJavaIsRefusedBeforeItIsPublished() {
    VersionObserved event = SampleEvents.observedWith(new Source("f", "a" + NUL), List.of());

    assertRejectedNaming("source.text", () -> new EventValidator().validate(event));
  }

  @Test
  void anObservationFromTheFarFutureIsRefusedNamingObservedAt() {
    EventValidationException e = assertDecodeRejects(SampleEvents.versionObserved(),
        json -> json.put("observedAt", "+300000000-01-01T00:00:00Z"), "observedAt");

    assertTrue(e.getMessage().contains("no later than a day from now"), e.getMessage());
  }

  @Test
  void everyEventsTimeMustLieBetween2000AndADayFromNow() {
    for (StalewatchEvent event : SampleEvents.all()) {
      String field = event.eventType().timestampField();
      assertDecodeRejects(event, json -> json.put(field, "1999-12-31T23:59:59Z"), field);
      assertDecodeRejects(event, json -> json.put(field, Instant.now().plus(Duration.ofDays(2)).toString()), field);
    }
  }

  @Test
  void aWorkerClockAheadByLessThanADayIsAccepted() {
    Instant now = Instant.parse("2026-11-27T10:15:00Z");
    EventValidator validator = new EventValidator(MessageLimits.DEFAULT_MAX_SOURCE_BYTES, Clock.fixed(now, ZoneOffset.UTC));
    VersionObserved sample = SampleEvents.versionObserved();
    VersionObserved ahead = new VersionObserved(sample.eventId(), 1, now.plus(Duration.ofHours(23)), sample.jobId(),
        sample.stage(), sample.versionHash(), sample.hashAlgorithm(), sample.language(), sample.source(), sample.deps(),
        sample.resultVersions(), sample.workerId());

    assertEquals(List.of(), validator.violations(ahead));
    assertEquals(List.of(), validator.violations(SampleEvents.versionObserved()));
    assertRejectedNaming("observedAt", () -> validator.validate(new VersionObserved(sample.eventId(), 1,
        now.plus(Duration.ofHours(25)), sample.jobId(), sample.stage(), sample.versionHash(), sample.hashAlgorithm(),
        sample.language(), sample.source(), sample.deps(), sample.resultVersions(), sample.workerId())));
  }

  @Test
  void textWithoutAnyEscapeIsNotWalkedYetStillCannotHoldNul() {
    // a raw NUL byte is not JSON at all: the parser refuses it before any rule runs
    byte[] json = CODEC.encode(SampleEvents.versionObserved());
    String text = new String(json, java.nio.charset.StandardCharsets.UTF_8).replace("Extract the ideas", "Extract\u0000");
    byte[] raw = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);

    assertRejectedNaming(Violation.ROOT, () -> CODEC.decode(raw, VersionObserved.class));
  }
}

package dev.stalewatch.events;

import static dev.stalewatch.events.Rejections.assertDecodeRejects;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Rules of VersionChanged, TriageVerdict, ChangeDecided and ResetRequested. */
class ChangeEventValidationTest {

  @Test
  void attemptZeroIsRejectedNamingAttempt() {
    assertDecodeRejects(SampleEvents.versionChanged(), json -> json.put("attempt", 0), "attempt");
  }

  @Test
  void verdictAttemptZeroIsRejectedNamingAttempt() {
    assertDecodeRejects(SampleEvents.triageVerdict(), json -> json.put("attempt", 0), "attempt");
  }

  @Test
  void negativeStaleItemsAreRejectedNamingThem() {
    assertDecodeRejects(SampleEvents.changeDecided(), json -> json.put("staleItems", -5), "staleItems");
  }

  @Test
  void badOldHashIsRejectedNamingIt() {
    assertDecodeRejects(SampleEvents.versionChanged(), json -> json.put("oldHash", "5b0d"), "oldHash");
  }

  @Test
  void badNewHashIsRejectedNamingIt() {
    assertDecodeRejects(SampleEvents.triageVerdict(), json -> json.put("newHash", "9a4e 1c5d7b3e"), "newHash");
  }

  @Test
  void unknownVerdictIsRejectedNamingItAndTheAllowedValues() {
    EventValidationException e =
        assertDecodeRejects(SampleEvents.triageVerdict(), json -> json.put("verdict", "MAYBE"), "verdict");

    assertTrue(e.getMessage().contains("[COSMETIC, SEMANTIC]"), e.getMessage());
  }

  @Test
  void lowerCaseVerdictIsRejected() {
    assertDecodeRejects(SampleEvents.triageVerdict(), json -> json.put("verdict", "semantic"), "verdict");
  }

  @Test
  void unknownMethodIsRejectedNamingIt() {
    assertDecodeRejects(SampleEvents.triageVerdict(), json -> json.put("method", "GUESS"), "method");
  }

  @Test
  void unknownStateIsRejectedNamingIt() {
    assertDecodeRejects(SampleEvents.changeDecided(), json -> json.put("state", "DONE"), "state");
  }

  @Test
  void blankReasonOfAVerdictIsRejectedNamingIt() {
    assertDecodeRejects(SampleEvents.triageVerdict(), json -> json.put("reason", "  "), "reason");
  }

  @Test
  void changeDecidedWithoutVerdictMethodReasonOrAuthorIsAccepted() {
    byte[] bytes =
        Rejections.edited(
            SampleEvents.changeDecided(),
            json -> {
              json.remove("verdict");
              json.remove("method");
              json.putNull("reason");
              json.putNull("author");
            });

    Rejections.CODEC.decode(bytes, ChangeDecided.class);
  }

  @Test
  void badStaleHashIsRejectedNamingItsIndex() {
    assertDecodeRejects(
        SampleEvents.resetRequested(), json -> json.withArray("staleHashes").add("x"), "staleHashes[1]");
  }

  @Test
  void badCurrentHashIsRejectedNamingIt() {
    assertDecodeRejects(SampleEvents.resetRequested(), json -> json.put("currentHash", ""), "currentHash");
  }

  @Test
  void changeIdWithSpaceIsRejectedNamingIt() {
    assertDecodeRejects(SampleEvents.versionChanged(), json -> json.put("changeId", "c 1"), "changeId");
  }
}

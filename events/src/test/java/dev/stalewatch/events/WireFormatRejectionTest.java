package dev.stalewatch.events;

import static dev.stalewatch.events.Rejections.CODEC;
import static dev.stalewatch.events.Rejections.assertDecodeRejects;
import static dev.stalewatch.events.Rejections.assertRejectedNaming;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Bytes and JSON that never reach the contract rules, and what is deliberately tolerated. */
class WireFormatRejectionTest {

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void invalidUtf8IsRejectedNamingTheByteOffset() {
    byte[] valid = CODEC.encode(SampleEvents.versionObserved());
    int offset = new String(valid, StandardCharsets.UTF_8).indexOf("_stage_extract");
    byte[] broken = valid.clone();
    broken[offset] = (byte) 0xC3; // starts a two-byte sequence that the next ASCII byte breaks

    EventValidationException e = assertRejectedNaming(Violation.ROOT, () -> CODEC.decode(broken));

    assertTrue(e.getMessage().contains("byte offset " + offset), e.getMessage());
  }

  @Test
  void surrogateEncodedAsUtf8BytesIsRejectedAsInvalidUtf8() {
    // CESU-8 style surrogate: lenient decoders accept it, strict UTF-8 does not.
    byte[] bytes = utf8("{\"type\":\"X\"}");
    byte[] withSurrogate = new byte[bytes.length + 3];
    System.arraycopy(bytes, 0, withSurrogate, 0, bytes.length);
    withSurrogate[bytes.length] = (byte) 0xED;
    withSurrogate[bytes.length + 1] = (byte) 0xA0;
    withSurrogate[bytes.length + 2] = (byte) 0x80;

    EventValidationException e = assertRejectedNaming(Violation.ROOT, () -> CODEC.decode(withSurrogate));

    assertTrue(e.getMessage().contains("byte offset " + bytes.length), e.getMessage());
  }

  @Test
  void malformedJsonIsRejectedWithJacksonsLocation() {
    EventValidationException e =
        assertRejectedNaming(Violation.ROOT, () -> CODEC.decode(utf8("{\"type\":\"VersionChanged\",\n \"attempt\": }")));

    assertTrue(e.getMessage().contains("line 2, column"), e.getMessage());
  }

  @Test
  void trailingContentAfterTheObjectIsRejected() {
    byte[] bytes = utf8(CODEC.encodeToString(SampleEvents.versionChanged()) + " {}");

    assertRejectedNaming(Violation.ROOT, () -> CODEC.decode(bytes));
  }

  @Test
  void duplicateKeyIsRejected() {
    String json = CODEC.encodeToString(SampleEvents.versionChanged());
    byte[] bytes = utf8(json.replace("\"attempt\":1", "\"attempt\":1,\"attempt\":2"));

    assertRejectedNaming(Violation.ROOT, () -> CODEC.decode(bytes));
  }

  @Test
  void jsonArrayIsRejectedAsNotAnObject() {
    EventValidationException e = assertRejectedNaming(Violation.ROOT, () -> CODEC.decode(utf8("[]")));

    assertTrue(e.getMessage().contains("JSON object"), e.getMessage());
  }

  @Test
  void emptyMessageIsRejected() {
    assertRejectedNaming(Violation.ROOT, () -> CODEC.decode(new byte[0]));
  }

  @Test
  void missingTypeIsRejectedNamingIt() {
    assertDecodeRejects(SampleEvents.versionChanged(), json -> json.remove("type"), "type");
  }

  @Test
  void unknownTypeIsRejectedNamingIt() {
    EventValidationException e =
        assertDecodeRejects(SampleEvents.versionChanged(), json -> json.put("type", "VersionVanished"), "type");

    assertTrue(e.getMessage().contains("VersionObserved"), e.getMessage());
  }

  @Test
  void eventOfAnotherTypeThanExpectedIsRejectedNamingType() {
    byte[] bytes = CODEC.encode(SampleEvents.versionChanged());

    assertRejectedNaming("type", () -> CODEC.decode(bytes, TriageVerdict.class));
  }

  @Test
  void numberAsStringIsRejectedNamingTheField() {
    assertDecodeRejects(SampleEvents.versionChanged(), json -> json.put("attempt", "1"), "attempt");
  }

  @Test
  void fractionalCountIsRejectedNamingTheField() {
    assertDecodeRejects(SampleEvents.versionChanged(), json -> json.put("staleItems", 1.5), "staleItems");
  }

  @Test
  void countBeyond64BitsIsRejectedNamingTheField() {
    byte[] bytes =
        utf8(CODEC.encodeToString(SampleEvents.versionChanged()).replace("\"staleItems\":1200", "\"staleItems\":99999999999999999999"));

    assertRejectedNaming("staleItems", () -> CODEC.decode(bytes));
  }

  @Test
  void numberWhereAStringBelongsIsRejectedNamingTheField() {
    assertDecodeRejects(SampleEvents.versionChanged(), json -> json.put("jobId", 42), "jobId");
  }

  @Test
  void stringWhereAnObjectBelongsIsRejectedNamingTheField() {
    assertDecodeRejects(SampleEvents.versionObserved(), json -> json.put("source", "def f(): pass"), "source");
  }

  @Test
  void wrongTypeInsideANestedObjectIsRejectedWithItsFullPath() {
    assertDecodeRejects(
        SampleEvents.versionObserved(), json -> ((ObjectNode) json.get("deps").get(1)).put("text", true), "deps[1].text");
  }

  @Test
  void unknownFieldsAreIgnoredAtEveryLevel() {
    VersionObserved event = SampleEvents.versionObserved();
    byte[] bytes =
        Rejections.edited(
            event,
            json -> {
              json.put("futureField", "x");
              json.putObject("futureObject").put("a", 1);
              ((ObjectNode) json.get("source")).put("encoding", "utf-8");
              ((ObjectNode) json.get("deps").get(0)).put("hashedAt", "now");
            });

    assertEquals(event, CODEC.decode(bytes));
  }

  @Test
  void explicitNullForAnOptionalFieldIsLikeAbsent() {
    VersionObserved event = SampleEvents.versionObserved();
    byte[] bytes = Rejections.edited(event, json -> json.putNull("workerId"));

    assertEquals(null, CODEC.decode(bytes, VersionObserved.class).workerId());
  }

  @Test
  void explicitNullForARequiredFieldIsRejectedNamingIt() {
    assertDecodeRejects(SampleEvents.resetRequested(), json -> json.putNull("requestedBy"), "requestedBy");
  }
}

package dev.stalewatch.events;

import static dev.stalewatch.events.Rejections.CODEC;
import static dev.stalewatch.events.Rejections.assertDecodeRejects;
import static dev.stalewatch.events.Rejections.assertRejectedNaming;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class VersionObservedValidationTest {

  private static final VersionObserved VALID = SampleEvents.versionObserved();

  @Test
  void missingVersionHashIsRejectedNamingIt() {
    EventValidationException e =
        assertDecodeRejects(VALID, json -> json.remove("versionHash"), "versionHash");

    assertTrue(e.getMessage().contains("versionHash: is required"), e.getMessage());
  }

  @Test
  void jobNameWithSlashIsRejectedNamingJobId() {
    EventValidationException e =
        assertDecodeRejects(VALID, json -> json.put("jobId", "vic/ideas"), "jobId");

    assertTrue(e.getMessage().contains("vic/ideas"), e.getMessage());
  }

  @Test
  void sourceOf300KibIsRejectedNamingSourceAndBothSizes() {
    String big = "x".repeat(300 * 1024);

    EventValidationException e =
        assertDecodeRejects(VALID, json -> ((ObjectNode) json.get("source")).put("text", big), "source");

    assertTrue(e.getMessage().contains(String.valueOf(300 * 1024 + depTextBytes())), e.getMessage());
    assertTrue(e.getMessage().contains("262144"), e.getMessage());
  }

  @Test
  void sizeLimitCountsDepTextsInUtf8Bytes() {
    // 100 three-byte characters are 300 bytes although only 100 chars.
    VersionObserved observed =
        SampleEvents.observedWith(new Source("f", ""), List.of(Dep.text("P", "€".repeat(100))));

    assertRejectedNaming("source", () -> new EventValidator(299).validate(observed));
    new EventValidator(300).validate(observed);
  }

  @Test
  void sizeLimitIsConfigurablePerCodec() {
    VersionObserved observed =
        SampleEvents.observedWith(new Source("f", "y".repeat(2048)), List.of());
    EventCodec strict = new EventCodec(new EventValidator(1024));

    byte[] bytes = CODEC.encode(observed);

    assertRejectedNaming("source", () -> strict.decode(bytes));
    assertRejectedNaming("source", () -> strict.decode(bytes, VersionObserved.class));
  }

  @Test
  void textWhoseEscapesMakeItsJsonOverTheLimitIsCountedInUtf8BytesAndAccepted() {
    // 600 line breaks are 1,200 bytes of JSON but 600 bytes of UTF-8: the message's length proves
    // nothing here, so the consumers' path must count.
    VersionObserved observed =
        SampleEvents.observedWith(new Source("f", "\n".repeat(600)), List.of());
    EventCodec strict = new EventCodec(new EventValidator(1000));

    byte[] bytes = CODEC.encode(observed);

    assertTrue(bytes.length > 1000, "the JSON itself is over the limit: " + bytes.length);
    assertEquals(observed, strict.decode(bytes, VersionObserved.class));
  }

  @Test
  void escapedSurrogatePairIsAcceptedOnBothPaths() {
    String json =
        new String(Rejections.edited(VALID, j -> ((ObjectNode) j.get("source")).put("text", "a<pair>b")), StandardCharsets.UTF_8)
            .replace("<pair>", "\\ud83d\\ude00");
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);

    assertEquals("a\ud83d\ude00b", CODEC.decode(bytes, VersionObserved.class).source().text());
    assertEquals("a\ud83d\ude00b", ((VersionObserved) CODEC.decode(bytes)).source().text());
  }

  @Test
  void hashTooShortIsRejectedNamingVersionHash() {
    assertDecodeRejects(VALID, json -> json.put("versionHash", "abc"), "versionHash");
  }

  @Test
  void hashWithForbiddenCharacterIsRejectedNamingVersionHash() {
    assertDecodeRejects(VALID, json -> json.put("versionHash", "abcdefgh/ijk"), "versionHash");
  }

  @Test
  void resultVersionsKeyThatIsNotAHashIsRejectedNamingTheKey() {
    assertDecodeRejects(
        VALID, json -> ((ObjectNode) json.get("resultVersions")).put("short", 1), "resultVersions.short");
  }

  @Test
  void negativeResultCountIsRejectedNamingTheHash() {
    assertDecodeRejects(
        VALID,
        json -> ((ObjectNode) json.get("resultVersions")).put(SampleEvents.OLD_HASH, -1),
        "resultVersions." + SampleEvents.OLD_HASH);
  }

  @Test
  void codeDepWithoutLanguageIsRejectedNamingIt() {
    assertDecodeRejects(VALID, json -> ((ObjectNode) json.get("deps").get(1)).remove("language"), "deps[1].language");
  }

  @Test
  void textDepNeedsNoLanguage() {
    VersionObserved observed =
        SampleEvents.observedWith(new Source("f", "pass"), List.of(Dep.text("PROMPT", "hello")));

    assertEquals(observed, CODEC.decode(CODEC.encode(observed)));
  }

  @Test
  void duplicateDepNamesAreRejectedNamingTheSecond() {
    assertDecodeRejects(VALID, json -> ((ObjectNode) json.get("deps").get(1)).put("name", "PROMPT"), "deps[1].name");
  }

  @Test
  void upperCaseDepKindIsRejectedNamingIt() {
    EventValidationException e =
        assertDecodeRejects(VALID, json -> ((ObjectNode) json.get("deps").get(0)).put("kind", "TEXT"), "deps[0].kind");

    assertTrue(e.getMessage().contains("[code, text]"), e.getMessage());
  }

  @Test
  void nullDepIsRejectedNamingItsIndex() {
    assertDecodeRejects(VALID, json -> json.withArray("deps").addNull(), "deps[2]");
  }

  @Test
  void sourceWithoutTopLevelLanguageIsRejectedNamingLanguage() {
    assertDecodeRejects(VALID, json -> json.remove("language"), "language");
  }

  @Test
  void sourceWithoutTextIsRejectedNamingSourceText() {
    assertDecodeRejects(VALID, json -> ((ObjectNode) json.get("source")).remove("text"), "source.text");
  }

  @Test
  void depsWithoutSourceAreRejected() {
    assertDecodeRejects(VALID, json -> json.remove("source"), "deps");
  }

  @Test
  void histogramOnlyReportNeedsNoLanguage() {
    byte[] bytes =
        Rejections.edited(
            VALID,
            json -> {
              json.remove("source");
              json.remove("deps");
              json.remove("language");
            });

    VersionObserved decoded = CODEC.decode(bytes, VersionObserved.class);

    assertEquals(false, decoded.hasSource());
    assertEquals(List.of(), decoded.deps());
  }

  @Test
  void unpairedSurrogateEscapedInSourceTextIsRejectedNamingIt() {
    // Valid UTF-8 bytes, but the JSON escape decodes to a lone surrogate, which has no UTF-8 form.
    String json =
        new String(Rejections.edited(VALID, j -> ((ObjectNode) j.get("source")).put("text", "a<lone>b")), StandardCharsets.UTF_8)
            .replace("<lone>", "\\ud800");

    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);

    assertRejectedNaming("source.text", () -> CODEC.decode(bytes));
    assertRejectedNaming("source.text", () -> CODEC.decode(bytes, VersionObserved.class));
  }

  @Test
  void unpairedSurrogateEscapedInDepTextIsRejectedOnTheConsumersPath() {
    String json =
        new String(CODEC.encode(SampleEvents.observedWith(new Source("f", "x"), List.of(Dep.text("P", "a<lone>b")))),
                StandardCharsets.UTF_8)
            .replace("<lone>", "\\udc00");

    assertRejectedNaming("deps[0].text", () -> CODEC.decode(json.getBytes(StandardCharsets.UTF_8), VersionObserved.class));
  }

  @Test
  void missingResultVersionsIsRejectedNamingIt() {
    assertDecodeRejects(VALID, json -> json.remove("resultVersions"), "resultVersions");
  }

  private static long depTextBytes() {
    return VALID.deps().stream().mapToLong(dep -> Utf8.encodedLength(dep.text())).sum();
  }
}

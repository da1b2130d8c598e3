package dev.stalewatch.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EventRoundTripTest {

  private final EventCodec codec = new EventCodec();

  static List<StalewatchEvent> samples() {
    return SampleEvents.all();
  }

  @ParameterizedTest
  @MethodSource("samples")
  void everyEventTypeSurvivesEncodeThenDecodeByItsTypeField(StalewatchEvent event) {
    StalewatchEvent decoded = codec.decode(codec.encode(event));

    assertInstanceOf(event.getClass(), decoded);
    assertEquals(event, decoded);
  }

  @ParameterizedTest
  @MethodSource("samples")
  void everyEventTypeSurvivesEncodeThenDecodeToItsClass(StalewatchEvent event) {
    assertEquals(event, codec.decode(codec.encode(event), event.getClass()));
  }

  @ParameterizedTest
  @MethodSource("samples")
  void encodedJsonStartsWithTheTypeField(StalewatchEvent event) {
    String json = codec.encodeToString(event);

    assertTrue(json.startsWith("{\"type\":\"" + event.eventType().wireName() + "\""), json);
  }

  @Test
  void designDocumentExampleDecodes() {
    String json =
        """
        {"type":"VersionObserved","eventId":"6f1c2d3e-4a5b-4c6d-8e7f-901234567890","schemaVersion":1,
         "observedAt":"2026-11-27T10:15:00Z","jobId":"vic_ideas","stage":"extract",
         "versionHash":"9a4e1c5d7b3e","hashAlgorithm":"stalewatch-sha256-v1","language":"python",
         "source":{"name":"_stage_extract","text":"def _stage_extract(item_key, data, stage, job):\\n    pass"},
         "deps":[{"name":"PROMPT","kind":"text","text":"Extract the ideas…"},
                 {"name":"clean_text","kind":"code","language":"python","text":"def clean_text(s): …"}],
         "resultVersions":{"5b0d77c3e2a1":1200,"9a4e1c5d7b3e":14},
         "workerId":"extract-7f9c-2"}
        """;

    VersionObserved observed =
        codec.decode(json.getBytes(StandardCharsets.UTF_8), VersionObserved.class);

    assertEquals(Instant.parse("2026-11-27T10:15:00Z"), observed.observedAt());
    assertEquals(DepKind.CODE, observed.deps().get(1).kind());
    assertEquals(Map.of("5b0d77c3e2a1", 1200L, "9a4e1c5d7b3e", 14L), observed.resultVersions());
    assertEquals("vic_ideas/extract", observed.key());
  }

  @Test
  void depKindIsLowerCaseOnTheWire() {
    String json = codec.encodeToString(SampleEvents.versionObserved());

    assertTrue(json.contains("\"kind\":\"code\""), json);
    assertTrue(json.contains("\"kind\":\"text\""), json);
  }

  @Test
  void timestampsAreWrittenAsUtcIsoInstants() {
    String json = codec.encodeToString(SampleEvents.versionChanged());

    assertTrue(json.contains("\"createdAt\":\"2026-11-27T10:15:00Z\""), json);
  }

  @Test
  void histogramOnlyReportOmitsSourceAndDepsAndSurvivesRoundTrip() {
    VersionObserved report =
        VersionObserved.histogramOnly(
            "vic_ideas", "extract", SampleEvents.NEW_HASH, "pipeline-md5",
            Map.of(SampleEvents.NEW_HASH, 1214L), "extract-7f9c-2");

    String json = codec.encodeToString(report);

    assertFalse(json.contains("\"source\""), json);
    assertFalse(json.contains("\"deps\""), json);
    assertEquals(report, codec.decode(json.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void factoriesFillEventIdSchemaVersionAndTimestamp() {
    Instant before = Instant.now().minusSeconds(1);
    VersionChanged first = VersionChanged.create("c-1", 1, "job", "stage", "aaaaaaaa", "bbbbbbbb", 3);
    VersionChanged second = VersionChanged.create("c-1", 1, "job", "stage", "aaaaaaaa", "bbbbbbbb", 3);

    assertTrue(WirePatterns.UUID.matcher(first.eventId()).matches(), first.eventId());
    assertNotEquals(first.eventId(), second.eventId());
    assertEquals(1, first.schemaVersion());
    assertTrue(first.createdAt().isAfter(before), first.createdAt().toString());
    new EventValidator().validate(first);
  }

  @Test
  void everyFactoryBuildsAValidEvent() {
    VersionChanged change = SampleEvents.versionChanged();
    List<StalewatchEvent> built =
        List.of(
            VersionObserved.withStalewatchHash(
                "vic_ideas", "extract", "python", new Source("f", "def f(): pass"),
                List.of(Dep.text("PROMPT", "hi")), Map.of(), "w-1"),
            VersionObserved.histogramOnly("vic_ideas", "extract", "aaaaaaaa", "md5", Map.of(), null),
            TriageVerdict.forChange(change, Verdict.COSMETIC, Method.STRUCTURAL, null, "Only comments changed."),
            ChangeDecided.create(
                "c-1", "job", "stage", "aaaaaaaa", "bbbbbbbb", ChangeState.PENDING, null, null, null, 0, null),
            ResetRequested.create("job", "stage", "bbbbbbbb", List.of("aaaaaaaa"), "alice"));

    built.forEach(event -> assertEquals(event, codec.decode(codec.encode(event))));
  }

  @Test
  void verdictForAChangeCopiesItsIdentityAttemptHashesAndStaleCount() {
    VersionChanged change = SampleEvents.versionChanged();

    TriageVerdict verdict = TriageVerdict.forChange(change, Verdict.SEMANTIC, Method.FALLBACK, null, "LLM timed out.");

    assertEquals(
        List.of(change.changeId(), change.attempt(), change.jobId(), change.stage(), change.oldHash(), change.newHash(), change.staleItems()),
        List.of(verdict.changeId(), verdict.attempt(), verdict.jobId(), verdict.stage(), verdict.oldHash(), verdict.newHash(), verdict.staleItems()));
  }

  @Test
  void keyIsJobSlashStage() {
    SampleEvents.all().forEach(event -> assertEquals("vic_ideas/extract", event.key()));
  }
}

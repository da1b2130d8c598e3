package dev.stalewatch.events;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One valid event of each type with every optional field set, as in docs/events.md. */
final class SampleEvents {

  static final Instant AT = Instant.parse("2026-11-27T10:15:00Z");
  static final String OLD_HASH = "5b0d77c3e2a1f009";
  static final String NEW_HASH = "9a4e1c5d7b3e8f21";

  private SampleEvents() {}

  static VersionObserved versionObserved() {
    return observedWith(
        new Source("_stage_extract", "def _stage_extract(item_key, data, stage, job):\n    return clean_text(data)\n"),
        List.of(
            Dep.text("PROMPT", "Extract the ideas…"),
            Dep.code("clean_text", "python", "def clean_text(s):\n    return s.strip()\n")));
  }

  static VersionObserved observedWith(Source source, List<Dep> deps) {
    Map<String, Long> histogram = new LinkedHashMap<>();
    histogram.put(OLD_HASH, 1200L);
    histogram.put(NEW_HASH, 14L);
    return new VersionObserved(
        "6f1c2d3e-4a5b-4c6d-8e7f-901234567890", 1, AT, "vic_ideas", "extract", NEW_HASH,
        "pipeline-md5", "python", source, deps, histogram, "extract-7f9c-2");
  }

  static VersionChanged versionChanged() {
    return new VersionChanged(
        "0b6f7a1e-2c3d-4e5f-9a0b-1c2d3e4f5a6b", 1, AT, "c-000123", 1, "vic_ideas", "extract",
        OLD_HASH, NEW_HASH, 1200L);
  }

  static TriageVerdict triageVerdict() {
    return new TriageVerdict(
        "1c7a8b2f-3d4e-4f50-8a1b-2c3d4e5f6a7b", 1, AT, "c-000123", 1, "vic_ideas", "extract",
        OLD_HASH, NEW_HASH, 1200L, Verdict.SEMANTIC, Method.LLM, "claude-sonnet-4-5",
        "Changed the extraction prompt wording, which changes the output.");
  }

  static ChangeDecided changeDecided() {
    return new ChangeDecided(
        "2d8b9c30-4e5f-4061-9b2c-3d4e5f6a7b8c", 1, AT, "c-000123", "vic_ideas", "extract",
        OLD_HASH, NEW_HASH, ChangeState.BLESSED, Verdict.SEMANTIC, Method.MANUAL,
        "Prompt change is intended; old results are fine.", 1200L, "alice");
  }

  static ResetRequested resetRequested() {
    return new ResetRequested(
        "3e9cad41-5f60-4172-8c3d-4e5f6a7b8c9d", 1, AT, "vic_ideas", "extract", NEW_HASH,
        List.of(OLD_HASH), "alice");
  }

  static List<StalewatchEvent> all() {
    return List.of(versionObserved(), versionChanged(), triageVerdict(), changeDecided(), resetRequested());
  }

  static StalewatchEvent of(EventType type) {
    return all().stream().filter(e -> e.eventType() == type).findFirst().orElseThrow();
  }
}

package dev.stalewatch.events;

/** How a verdict or decision was reached (docs/triage.md). */
public enum Method {
  IDENTICAL,
  STRUCTURAL,
  LLM,
  NO_BASELINE,
  FALLBACK,
  MANUAL
}

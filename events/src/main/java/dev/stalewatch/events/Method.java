package dev.stalewatch.events;

/** How a verdict or decision was reached (DESIGN.md §6). */
public enum Method {
  IDENTICAL,
  STRUCTURAL,
  LLM,
  NO_BASELINE,
  FALLBACK,
  MANUAL
}

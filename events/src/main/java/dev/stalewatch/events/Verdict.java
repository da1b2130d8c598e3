package dev.stalewatch.events;

/** Triage's answer: may old results stay (cosmetic) or must they be recomputed (semantic)? */
public enum Verdict {
  COSMETIC,
  SEMANTIC
}

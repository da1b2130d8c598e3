package dev.stalewatch.triage.python;

import java.util.List;

/**
 * One Python text, normalized: its tokens (marked with the rule that may drop them and the
 * variable they name) and the facts that turn rules off. Immutable once built; the facts are
 * not changed after parsing.
 */
record NormalizedText(List<NormalToken> tokens, PythonFacts facts) {}

package dev.stalewatch.triage.python;

import java.util.List;

/**
 * One Python text, normalized: its tokens (marked with the rule that may drop them and the
 * variable they name), each variable's number by first use, and the facts that turn rules off.
 * Never changed once built.
 */
record NormalizedText(List<NormalToken> tokens, int[] variableNumbers, PythonFacts facts) {

    /** The number by first use of the variable a token names, or -1. */
    int variableNumber(NormalToken token) {
        return token.variable() < 0 ? -1 : variableNumbers[token.variable()];
    }
}

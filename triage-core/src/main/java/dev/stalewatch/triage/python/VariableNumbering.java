package dev.stalewatch.triage.python;

import dev.stalewatch.triage.ProofRule;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Numbers a text's renameable variables by first use, so that two texts equal up to a consistent
 * renaming carry the same numbers at the same places. Uses inside droppable annotations are
 * counted last: dropping an annotation on one side must not shift the numbers of the code. A
 * variable named like a word of one of the text's strings gets no number (it is compared by name):
 * the string may name it to a library that looks it up among the caller's locals.
 */
final class VariableNumbering {

    private static final int KEPT_AS_WRITTEN = -2;

    private VariableNumbering() {}

    /**
     * For each variable as the analysis numbered it, its number by first use, or -1 when it is
     * compared by name; empty when there are none.
     */
    static int[] byFirstUse(List<NormalToken> tokens, List<String> names, Set<String> stringWords) {
        if (names.isEmpty()) {
            return new int[0];
        }
        int[] numbers = new int[names.size()];
        Arrays.fill(numbers, -1);
        for (int variable = 0; variable < names.size(); variable++) {
            if (stringWords.contains(names.get(variable))) {
                numbers[variable] = KEPT_AS_WRITTEN;
            }
        }
        int next = 0;
        for (NormalToken token : tokens) {
            if (token.variable() >= 0 && token.rule() != ProofRule.ANNOTATIONS && numbers[token.variable()] == -1) {
                numbers[token.variable()] = next++;
            }
        }
        for (NormalToken token : tokens) {
            if (token.variable() >= 0 && numbers[token.variable()] == -1) {
                numbers[token.variable()] = next++;
            }
        }
        for (int variable = 0; variable < numbers.length; variable++) {
            numbers[variable] = Math.max(numbers[variable], -1);
        }
        return numbers;
    }
}

package dev.stalewatch.triage.python;

import dev.stalewatch.triage.ProofRule;
import java.util.Arrays;
import java.util.List;

/**
 * Numbers a text's renameable variables by first use, so that two texts equal up to a consistent
 * renaming carry the same numbers at the same places. Uses inside droppable annotations are
 * counted last: dropping an annotation on one side must not shift the numbers of the code.
 */
final class VariableNumbering {

    private VariableNumbering() {}

    /** For each variable as the analysis numbered it, its number by first use; empty when there are none. */
    static int[] byFirstUse(List<NormalToken> tokens, int variables) {
        if (variables == 0) {
            return new int[0];
        }
        int[] numbers = new int[variables];
        Arrays.fill(numbers, -1);
        int next = 0;
        for (NormalToken token : tokens) {
            if (token.variable() >= 0 && token.rule() != ProofRule.ANNOTATIONS && numbers[token.variable()] < 0) {
                numbers[token.variable()] = next++;
            }
        }
        for (NormalToken token : tokens) {
            if (token.variable() >= 0 && numbers[token.variable()] < 0) {
                numbers[token.variable()] = next++;
            }
        }
        return numbers;
    }
}

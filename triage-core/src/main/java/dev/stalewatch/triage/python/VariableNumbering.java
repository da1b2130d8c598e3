package dev.stalewatch.triage.python;

import dev.stalewatch.triage.ProofRule;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Numbers a text's renameable variables by first use, so that two texts equal up to a consistent
 * renaming carry the same numbers at the same places. Uses inside droppable annotations are
 * counted last: dropping an annotation on one side must not shift the numbers of the code.
 */
final class VariableNumbering {

    private VariableNumbering() {}

    static List<NormalToken> renumber(List<NormalToken> tokens) {
        Map<Integer, Integer> numbers = new HashMap<>();
        for (NormalToken token : tokens) {
            if (token.variable() >= 0 && token.rule() != ProofRule.ANNOTATIONS) {
                numbers.putIfAbsent(token.variable(), numbers.size());
            }
        }
        for (NormalToken token : tokens) {
            if (token.variable() >= 0) {
                numbers.putIfAbsent(token.variable(), numbers.size());
            }
        }
        if (numbers.isEmpty()) {
            return tokens;
        }
        List<NormalToken> renumbered = new ArrayList<>(tokens.size());
        for (NormalToken token : tokens) {
            renumbered.add(token.variable() >= 0 ? token.withVariable(numbers.get(token.variable())) : token);
        }
        return renumbered;
    }
}

package dev.stalewatch.triage;

import java.util.List;
import java.util.Optional;

/**
 * Compares two texts of one language by syntax tree. Must be sound: a proof claims the trees are
 * equal once comments and layout are set aside and the allowed {@link ProofRule}s are applied; any
 * doubt is a difference. Implementations are safe to call from several threads.
 */
public interface StructuralComparator {

    /**
     * The rules a change may use, judged from every text of this language in it: the old
     * version's texts and the new version's (source and deps).
     */
    RuleSet rules(List<String> oldTexts, List<String> newTexts);

    /** Proven, or the first difference outside what {@code rules} allow. */
    Comparison compare(String oldText, String newText, RuleSet rules);

    /** Two texts alone: the rules judged from these two texts only. */
    default Comparison compare(String oldText, String newText) {
        return compare(oldText, newText, rules(List.of(oldText), List.of(newText)));
    }

    /** Empty when proven, otherwise the first difference (or why no proof). */
    default Optional<TreeDifference> firstDifference(String oldText, String newText) {
        return compare(oldText, newText).firstDifference();
    }
}

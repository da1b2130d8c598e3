package dev.stalewatch.triage;

import java.util.Optional;

/**
 * Compares two texts of one language by syntax tree. Must be sound: an empty answer claims the
 * trees are equal once comments and layout are set aside; any doubt is a difference.
 * Implementations are safe to call from several threads.
 */
public interface StructuralComparator {

    /** Empty when proven structurally equal, otherwise the first difference (or why no proof). */
    Optional<TreeDifference> firstDifference(String oldText, String newText);
}

package dev.stalewatch.triage.python;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stalewatch.triage.Comparison;
import dev.stalewatch.triage.Proof;
import dev.stalewatch.triage.ProofRule;
import dev.stalewatch.triage.RuleSet;
import dev.stalewatch.triage.TreeDifference;
import java.util.Optional;
import java.util.Set;

/** Assertions shared by the Python proof tests. */
final class PythonProofs {

    private static final PythonStructuralComparator COMPARATOR = new PythonStructuralComparator();

    private PythonProofs() {}

    /** Proven, with exactly these rules needed; returns the proof for a look at its renames. */
    static Proof assertProvenBy(String old, String neu, ProofRule... rules) {
        Comparison comparison = COMPARATOR.compare(old, neu);
        assertTrue(comparison.proven(), () -> "expected a proof, got " + comparison
                + "\n--- old\n" + old + "\n--- new\n" + neu);
        Proof proof = comparison.proof().orElseThrow();
        assertEquals(Set.of(rules), proof.rules(), () -> "rules of " + proof.reason());
        return proof;
    }

    static void assertProven(String old, String neu) {
        Optional<TreeDifference> difference = COMPARATOR.firstDifference(old, neu);
        assertTrue(difference.isEmpty(), () -> "expected a proof, got " + difference.get()
                + "\n--- old\n" + old + "\n--- new\n" + neu);
    }

    /** Not proven when only equal syntax trees count (the first tier, no rules). */
    static TreeDifference assertNotProvenByEqualTrees(String old, String neu) {
        Optional<TreeDifference> difference = COMPARATOR.compare(old, neu, RuleSet.equalTreesOnly()).firstDifference();
        assertFalse(difference.isEmpty(), () -> "wrongly proven:\n--- old\n" + old + "\n--- new\n" + neu);
        return difference.get();
    }

    static TreeDifference assertNotProven(String old, String neu) {
        Optional<TreeDifference> difference = COMPARATOR.firstDifference(old, neu);
        assertFalse(difference.isEmpty(), () -> "wrongly proven:\n--- old\n" + old + "\n--- new\n" + neu);
        return difference.get();
    }
}

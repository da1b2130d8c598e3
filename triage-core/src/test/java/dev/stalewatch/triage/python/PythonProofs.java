package dev.stalewatch.triage.python;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stalewatch.triage.TreeDifference;
import java.util.Optional;

/** Assertions shared by the Python proof tests. */
final class PythonProofs {

    private static final PythonStructuralComparator COMPARATOR = new PythonStructuralComparator();

    private PythonProofs() {}

    static void assertProven(String old, String neu) {
        Optional<TreeDifference> difference = COMPARATOR.firstDifference(old, neu);
        assertTrue(difference.isEmpty(), () -> "expected a proof, got " + difference.get()
                + "\n--- old\n" + old + "\n--- new\n" + neu);
    }

    static TreeDifference assertNotProven(String old, String neu) {
        Optional<TreeDifference> difference = COMPARATOR.firstDifference(old, neu);
        assertFalse(difference.isEmpty(), () -> "wrongly proven:\n--- old\n" + old + "\n--- new\n" + neu);
        return difference.get();
    }
}

package dev.stalewatch.triage.java;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stalewatch.triage.TreeDifference;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JavaStructuralComparatorTest {

    private final JavaStructuralComparator comparator = new JavaStructuralComparator();

    private static final String OLD = """
            package p;

            /** Scores one idea. */
            public class Scorer {
                // the bar
                private static final double BAR = 0.5;

                @Override
                public String toString() { return "Scorer" + BAR; }

                double score(double x) {
                    return x > BAR ? x * 1.5 : 0; // scaled
                }
            }
            """;

    @Test
    void commentJavadocAndFormatOnlyEditIsProven() {
        String neu = """
                package p;
                /**
                 * Scores one idea, reworded.
                 */
                public class Scorer
                {
                    private static final double BAR   = 0.5; /* same bar */

                    @Override
                    public String toString()
                    {
                        return "Scorer"
                            + BAR;
                    }

                    double score(double x) { return x > BAR ? x * 1.5 : 0; }
                }
                """;
        assertEquals(Optional.empty(), comparator.firstDifference(OLD, neu));
    }

    @Test
    void changedLiteralIsNotProven() {
        Optional<TreeDifference> difference = comparator.firstDifference(OLD, OLD.replace("0.5", "0.7"));
        assertTrue(difference.isPresent());
        assertEquals(6, difference.get().newLine());
        assertTrue(difference.get().description().contains("0.7"), difference.get().description());
    }

    @Test
    void changedStringLiteralIsNotProven() {
        assertTrue(comparator.firstDifference(OLD, OLD.replace("\"Scorer\"", "\"Scorer \"")).isPresent());
    }

    @Test
    void removedAnnotationIsNotProven() {
        Optional<TreeDifference> difference = comparator.firstDifference(OLD, OLD.replace("    @Override\n", ""));
        assertTrue(difference.isPresent());
        assertEquals("annotation removed", difference.get().description());
    }

    @Test
    void changedAnnotationIsNotProven() {
        assertTrue(comparator.firstDifference(OLD, OLD.replace("@Override", "@Deprecated")).isPresent());
    }

    @Test
    void bareMethodBodiesAreCompared() {
        assertEquals(Optional.empty(), comparator.firstDifference(
                "int f(int x) { return x + 1; }", "int f(int x) {\n  // add one\n  return x + 1;\n}"));
        assertTrue(comparator.firstDifference("int f(int x) { return x + 1; }", "int f(int x) { return x + 2; }").isPresent());
    }

    @Test
    void textThatDoesNotParseIsNotProven() {
        Optional<TreeDifference> difference = comparator.firstDifference(OLD, OLD.replace("return x > BAR", "return x >"));
        assertTrue(difference.isPresent());
        assertTrue(difference.get().description().startsWith("does not parse"), difference.get().description());
    }
}

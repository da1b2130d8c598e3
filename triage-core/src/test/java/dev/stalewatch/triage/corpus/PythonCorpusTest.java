package dev.stalewatch.triage.corpus;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stalewatch.triage.RuleSet;
import dev.stalewatch.triage.TreeDifference;
import dev.stalewatch.triage.python.PythonStructuralComparator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The first tier (equal syntax trees, no rules) against CPython's own verdict. A proof of an AST-different pair is a
 * false proof and fails the build; coverage is the share of AST-equal pairs proven.
 */
class PythonCorpusTest {

    private static final double REQUIRED_COVERAGE = 0.95;

    @Test
    void corpusHasNoFalseProofsAndCoversAstEqualPairs() {
        List<CorpusPair> pairs = Corpus.load(Corpus.PYTHON_PAIRS);
        PythonStructuralComparator comparator = new PythonStructuralComparator();
        Map<String, int[]> byKind = new TreeMap<>(); // kind → {pairs, astEqual, proven, falseProofs}
        List<String> falseProofs = new ArrayList<>();
        List<String> missed = new ArrayList<>();
        int astEqual = 0;
        int provenEqual = 0;
        for (CorpusPair pair : pairs) {
            Optional<TreeDifference> difference = comparator.compare(pair.old(), pair.neu(), RuleSet.equalTreesOnly())
                    .firstDifference();
            boolean proven = difference.isEmpty();
            int[] stats = byKind.computeIfAbsent(pair.kind(), k -> new int[4]);
            stats[0]++;
            if (pair.astEqual()) {
                stats[1]++;
                astEqual++;
            }
            if (proven) {
                stats[2]++;
            }
            if (proven && !pair.astEqual()) {
                stats[3]++;
                falseProofs.add(pair.id());
            }
            if (proven && pair.astEqual()) {
                provenEqual++;
            }
            if (!proven && pair.astEqual()) {
                missed.add(pair.id() + ": " + difference.get());
            }
        }
        System.out.printf("Python corpus: %d pairs, %d AST-equal%n", pairs.size(), astEqual);
        System.out.printf("%-24s %6s %9s %7s %12s %9s%n", "edit kind", "pairs", "astEqual", "proven", "falseProofs", "coverage");
        byKind.forEach((kind, s) -> System.out.printf("%-24s %6d %9d %7d %12d %9s%n",
                kind, s[0], s[1], s[2], s[3], s[1] == 0 ? "-" : String.format("%.1f %%", 100.0 * s[2] / s[1])));
        double coverage = astEqual == 0 ? 1.0 : (double) provenEqual / astEqual;
        System.out.printf("overall coverage of AST-equal pairs: %d/%d = %.2f %%; false proofs: %d%n",
                provenEqual, astEqual, 100.0 * coverage, falseProofs.size());
        missed.stream().limit(40).forEach(m -> System.out.println("  not proven (AST-equal): " + m));

        assertTrue(falseProofs.isEmpty(), () -> "false proofs: " + falseProofs);
        assertTrue(coverage >= REQUIRED_COVERAGE, () -> String.format("coverage %.2f %% < %.0f %%",
                100.0 * coverage, 100.0 * REQUIRED_COVERAGE));
    }
}

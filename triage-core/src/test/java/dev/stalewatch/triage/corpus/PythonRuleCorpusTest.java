package dev.stalewatch.triage.corpus;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stalewatch.triage.Comparison;
import dev.stalewatch.triage.python.PythonStructuralComparator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The second tier against an oracle written independently in Python: a proof of a pair the
 * oracle says differs is a false proof and fails the build; every adversarial kind (a rule edit
 * that breaks one of the rule's conditions) must come out not proven. Coverage per rule is the
 * share of oracle-equal pairs proven.
 */
class PythonRuleCorpusTest {

    private static final Map<String, Double> REQUIRED_COVERAGE = Map.of(
            "docstrings", 0.95, "annotations", 0.95, "renames", 0.90, "combined", 0.90);

    @Test
    void ruleCorpusHasNoFalseProofsAndCoversEachRule() {
        List<RulePair> pairs = Corpus.load(Corpus.PYTHON_RULE_PAIRS, RulePair.class);
        PythonStructuralComparator comparator = new PythonStructuralComparator();
        Map<String, int[]> byRule = new TreeMap<>(); // rule → {pairs, ruleEqual, proven, falseProofs, adversarial}
        Map<String, int[]> adversarialKinds = new TreeMap<>(); // kind → {pairs, proven}
        List<String> falseProofs = new ArrayList<>();
        List<String> missed = new ArrayList<>();
        for (RulePair pair : pairs) {
            Comparison comparison = comparator.compare(pair.old(), pair.neu());
            boolean proven = comparison.proven();
            int[] stats = byRule.computeIfAbsent(pair.rule(), k -> new int[5]);
            stats[0]++;
            stats[1] += pair.ruleEqual() ? 1 : 0;
            stats[2] += proven && pair.ruleEqual() ? 1 : 0;
            if (proven && !pair.ruleEqual()) {
                stats[3]++;
                falseProofs.add(pair.id() + " (" + comparison.proof().orElseThrow().reason() + ")");
            }
            if (pair.intent().equals("adversarial")) {
                stats[4]++;
                int[] kind = adversarialKinds.computeIfAbsent(pair.kind(), k -> new int[2]);
                kind[0]++;
                kind[1] += proven ? 1 : 0;
            }
            if (!proven && pair.ruleEqual()) {
                missed.add(pair.id() + ": " + comparison.firstDifference().orElseThrow());
            }
        }
        System.out.printf("Python rule corpus: %d pairs, %d adversarial kinds%n", pairs.size(), adversarialKinds.size());
        System.out.printf("%-12s %6s %9s %7s %12s %11s %9s%n", "rule", "pairs", "ruleEqual", "proven", "falseProofs",
                "adversarial", "coverage");
        byRule.forEach((rule, s) -> System.out.printf("%-12s %6d %9d %7d %12d %11d %9s%n", rule, s[0], s[1], s[2], s[3],
                s[4], s[1] == 0 ? "-" : String.format("%.1f %%", 100.0 * s[2] / s[1])));
        missed.stream().limit(30).forEach(m -> System.out.println("  not proven (oracle-equal): " + m));

        assertTrue(falseProofs.isEmpty(), () -> "false proofs: " + falseProofs);
        adversarialKinds.forEach((kind, s) -> assertTrue(s[1] == 0, () -> kind + ": " + s[1] + " of " + s[0] + " proven"));
        assertTrue(adversarialKinds.size() >= 40, () -> "adversarial kinds: " + adversarialKinds.keySet());
        byRule.forEach((rule, s) -> {
            double coverage = s[1] == 0 ? 1.0 : (double) s[2] / s[1];
            assertTrue(coverage >= REQUIRED_COVERAGE.getOrDefault(rule, 0.9),
                    () -> String.format("%s: coverage %.1f %%", rule, 100.0 * coverage));
        });
    }
}

package dev.stalewatch.triage;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** Decides IDENTICAL, STRUCTURAL or NOT_PROVEN for a change without asking an LLM. */
public final class OfflineTriage {

    private OfflineTriage() {}

    public static OfflineDecision decide(CodeSnapshot old, CodeSnapshot neu) {
        return decide(old, neu, EnumSet.allOf(ProofRule.class));
    }

    /**
     * @param enabled the rules an operator allows at all (a pipeline whose libraries read docstrings or
     *                annotations through code the change does not show can turn those rules off)
     */
    public static OfflineDecision decide(CodeSnapshot old, CodeSnapshot neu, Set<ProofRule> enabled) {
        Objects.requireNonNull(old, "old");
        Objects.requireNonNull(neu, "neu");
        Optional<Difference> depSetChange = depSetDifference(old.deps(), neu.deps());
        if (depSetChange.isPresent()) {
            return OfflineDecision.notProven(depSetChange.get());
        }
        if (isIdentical(old, neu)) {
            return OfflineDecision.identical();
        }
        Map<String, RuleSet> rulesByLanguage = ChangeRules.byLanguage(old, neu, enabled);
        Proof proof = Proof.layoutOnly();
        UnitOutcome source = compareSource(old, neu, rulesByLanguage);
        if (source.difference != null) {
            return OfflineDecision.notProven(source.difference);
        }
        proof = proof.and(source.proof);
        Map<String, Dep> newByName = byName(neu.deps());
        for (Dep oldDep : old.deps()) {
            UnitOutcome dep = compareDep(oldDep, newByName.get(oldDep.name()), rulesByLanguage);
            if (dep.difference != null) {
                return OfflineDecision.notProven(dep.difference);
            }
            proof = proof.and(dep.proof.in(oldDep.name()));
        }
        return OfflineDecision.structural(proof);
    }

    /** One unit's outcome: a proof (possibly needing nothing) or the first difference. */
    private record UnitOutcome(Proof proof, Difference difference) {
        static final UnitOutcome SAME = new UnitOutcome(Proof.layoutOnly(), null);

        static UnitOutcome of(Difference difference) {
            return new UnitOutcome(null, difference);
        }
    }

    private static boolean isIdentical(CodeSnapshot old, CodeSnapshot neu) {
        if (!old.language().equals(neu.language()) || !old.source().text().equals(neu.source().text())) {
            return false;
        }
        Map<String, Dep> newDeps = byName(neu.deps());
        for (Dep dep : old.deps()) {
            Dep other = newDeps.get(dep.name());
            if (!dep.text().equals(other.text()) || dep.kind() != other.kind()
                    || !Objects.equals(dep.language(), other.language())) {
                return false;
            }
        }
        return true;
    }

    private static UnitOutcome compareSource(CodeSnapshot old, CodeSnapshot neu, Map<String, RuleSet> rules) {
        if (!sameLanguage(old.language(), neu.language())) {
            return UnitOutcome.of(new Difference(Difference.SOURCE, 0, 0,
                    "language changed: " + old.language() + " → " + neu.language()));
        }
        return compareCode(Difference.SOURCE, old.language(), old.source().text(), neu.source().text(), rules);
    }

    private static UnitOutcome compareDep(Dep oldDep, Dep newDep, Map<String, RuleSet> rules) {
        String name = oldDep.name();
        if (oldDep.kind() != newDep.kind()) {
            return UnitOutcome.of(new Difference(name, 0, 0,
                    "dep kind changed: " + oldDep.kind() + " → " + newDep.kind()));
        }
        if (oldDep.text().equals(newDep.text())) {
            return UnitOutcome.SAME;
        }
        if (oldDep.kind() == DepKind.TEXT) {
            return UnitOutcome.of(TextDifference.firstDifference(name, oldDep.text(), newDep.text()));
        }
        if (!sameLanguage(oldDep.language(), newDep.language())) {
            return UnitOutcome.of(new Difference(name, 0, 0,
                    "dep language changed: " + oldDep.language() + " → " + newDep.language()));
        }
        return compareCode(name, oldDep.language(), oldDep.text(), newDep.text(), rules);
    }

    private static UnitOutcome compareCode(String where, String language, String oldText, String newText,
            Map<String, RuleSet> rules) {
        if (oldText.equals(newText)) {
            return UnitOutcome.SAME;
        }
        Optional<StructuralComparator> comparator = StructuralComparators.forLanguage(language);
        if (comparator.isEmpty()) {
            return UnitOutcome.of(new Difference(where, 0, 0,
                    "no structural comparison for language " + language));
        }
        Comparison comparison = comparator.get().compare(oldText, newText,
                rules.getOrDefault(StructuralComparators.key(language), RuleSet.all()));
        return comparison.proof().map(proof -> new UnitOutcome(proof, null))
                .orElseGet(() -> UnitOutcome.of(Difference.of(where, comparison.firstDifference().orElseThrow())));
    }

    /** A dep added, removed or renamed is never proven: the stage's inputs changed. */
    private static Optional<Difference> depSetDifference(List<Dep> oldDeps, List<Dep> newDeps) {
        Map<String, Dep> oldByName = byName(oldDeps);
        Map<String, Dep> newByName = byName(newDeps);
        if (oldByName.size() != oldDeps.size() || newByName.size() != newDeps.size()) {
            return Optional.of(new Difference("deps", 0, 0, "a dep name occurs twice"));
        }
        for (String name : oldByName.keySet()) {
            if (!newByName.containsKey(name)) {
                return Optional.of(new Difference(name, 0, 0, "dep removed or renamed"));
            }
        }
        for (String name : newByName.keySet()) {
            if (!oldByName.containsKey(name)) {
                return Optional.of(new Difference(name, 0, 0, "dep added or renamed"));
            }
        }
        return Optional.empty();
    }

    static Map<String, Dep> byName(List<Dep> deps) {
        Map<String, Dep> byName = new LinkedHashMap<>();
        for (Dep dep : deps) {
            byName.putIfAbsent(dep.name(), dep);
        }
        return byName;
    }

    static boolean sameLanguage(String a, String b) {
        return a != null && b != null && a.trim().equalsIgnoreCase(b.trim());
    }
}

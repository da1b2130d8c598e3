package dev.stalewatch.triage;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Decides IDENTICAL, STRUCTURAL or NOT_PROVEN for a change without asking an LLM. */
public final class OfflineTriage {

    private OfflineTriage() {}

    public static OfflineDecision decide(CodeSnapshot old, CodeSnapshot neu) {
        Objects.requireNonNull(old, "old");
        Objects.requireNonNull(neu, "neu");
        Optional<Difference> depSetChange = depSetDifference(old.deps(), neu.deps());
        if (depSetChange.isPresent()) {
            return OfflineDecision.notProven(depSetChange.get());
        }
        if (isIdentical(old, neu)) {
            return OfflineDecision.identical();
        }
        Optional<Difference> difference = compareSource(old, neu);
        if (difference.isEmpty()) {
            difference = compareDeps(old.deps(), neu.deps());
        }
        return difference.map(OfflineDecision::notProven).orElseGet(OfflineDecision::structural);
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

    private static Optional<Difference> compareSource(CodeSnapshot old, CodeSnapshot neu) {
        if (!sameLanguage(old.language(), neu.language())) {
            return Optional.of(new Difference(Difference.SOURCE, 0, 0,
                    "language changed: " + old.language() + " → " + neu.language()));
        }
        return compareCode(Difference.SOURCE, old.language(), old.source().text(), neu.source().text());
    }

    private static Optional<Difference> compareDeps(List<Dep> oldDeps, List<Dep> newDeps) {
        Map<String, Dep> newByName = byName(newDeps);
        for (Dep oldDep : oldDeps) {
            Dep newDep = newByName.get(oldDep.name());
            Optional<Difference> difference = compareDep(oldDep, newDep);
            if (difference.isPresent()) {
                return difference;
            }
        }
        return Optional.empty();
    }

    private static Optional<Difference> compareDep(Dep oldDep, Dep newDep) {
        String name = oldDep.name();
        if (oldDep.kind() != newDep.kind()) {
            return Optional.of(new Difference(name, 0, 0,
                    "dep kind changed: " + oldDep.kind() + " → " + newDep.kind()));
        }
        if (oldDep.text().equals(newDep.text())) {
            return Optional.empty();
        }
        if (oldDep.kind() == DepKind.TEXT) {
            return Optional.of(TextDifference.firstDifference(name, oldDep.text(), newDep.text()));
        }
        if (!sameLanguage(oldDep.language(), newDep.language())) {
            return Optional.of(new Difference(name, 0, 0,
                    "dep language changed: " + oldDep.language() + " → " + newDep.language()));
        }
        return compareCode(name, oldDep.language(), oldDep.text(), newDep.text());
    }

    private static Optional<Difference> compareCode(String where, String language, String oldText, String newText) {
        if (oldText.equals(newText)) {
            return Optional.empty();
        }
        Optional<StructuralComparator> comparator = StructuralComparators.forLanguage(language);
        if (comparator.isEmpty()) {
            return Optional.of(new Difference(where, 0, 0,
                    "no structural comparison for language " + language));
        }
        return comparator.get().firstDifference(oldText, newText).map(tree -> Difference.of(where, tree));
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

    private static Map<String, Dep> byName(List<Dep> deps) {
        Map<String, Dep> byName = new LinkedHashMap<>();
        for (Dep dep : deps) {
            byName.putIfAbsent(dep.name(), dep);
        }
        return byName;
    }

    private static boolean sameLanguage(String a, String b) {
        return a != null && b != null && a.trim().equalsIgnoreCase(b.trim());
    }
}

package dev.stalewatch.snapshot.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.stalewatch.events.ChangeState;

/**
 * The invariant of docs/architecture.md, restored after every transaction that touches a stage:
 * every class K other than class(current) that has results has exactly one open change toward
 * class(current), compared against K's representative. Pure: it reads a {@link StageView} and
 * answers a {@link ReconcilePlan}; the caller applies it.
 */
public final class Reconciler {

    /**
     * Whether {@link #reconcile} is sure to answer an empty plan with no stale items for a stage
     * with these results per hash, so that a caller may skip loading the view: nothing to close or
     * update without a TRIAGING, PENDING or RESET change, and nothing stale without results outside
     * the current hash (equivalences can only put more hashes into the current class).
     */
    public static boolean certainlyIdle(String currentHash, boolean mayHaveChanges, Map<String, Long> resultsByHash) {
        if (mayHaveChanges) {
            return false;
        }
        for (Map.Entry<String, Long> results : resultsByHash.entrySet()) {
            if (results.getValue() != 0 && !results.getKey().equals(currentHash)) {
                return false;
            }
        }
        return true;
    }

    public ReconcilePlan reconcile(StageView stage) {
        if (stage.currentHash() == null) {
            return new ReconcilePlan(List.of(), List.of(), Map.of(), 0);
        }
        EquivalenceClasses classes = stage.classes();
        String current = classes.classOf(stage.currentHash());
        Map<String, Long> resultsByClass = resultsByClass(stage, classes);

        List<ChangeClosure> closures = new ArrayList<>();
        List<NewChange> creations = new ArrayList<>();
        Map<Long, Long> staleByOpenChange = new LinkedHashMap<>();
        Set<String> classesWithOpenChange = new HashSet<>();

        List<ChangeFacts> open = stage.changes().stream().filter(ChangeFacts::open)
                .sorted(Comparator.comparingLong(ChangeFacts::id)).toList();
        Set<String> waitedOn = new HashSet<>();
        for (ChangeFacts change : open) {
            waitedOn.add(classes.classOf(change.newHash()));
        }

        // A deploy: current just moved away from class X, so X -> new current is triaged first. It is
        // needed when X has results, or when changes toward X wait to learn whether they carry over.
        String movedFromClass = null;
        if (stage.movedFrom() != null && !classes.same(stage.movedFrom(), stage.currentHash())) {
            movedFromClass = classes.classOf(stage.movedFrom());
            long results = resultsByClass.getOrDefault(movedFromClass, 0L);
            if (results > 0 || waitedOn.contains(movedFromClass)) {
                String representative = representative(stage, classes, movedFromClass).orElse(stage.movedFrom());
                creations.add(new NewChange(representative, stage.currentHash(), results, true,
                        vetoed(stage, classes, movedFromClass, current)));
                classesWithOpenChange.add(movedFromClass);
            }
        }

        Set<String> classesAwaitingDeploy = classesAwaitingDeploy(stage, classes);
        if (movedFromClass != null) {
            classesAwaitingDeploy.add(movedFromClass);
        }

        for (ChangeFacts change : open) {
            String from = classes.classOf(change.oldHash());
            String toward = classes.classOf(change.newHash());
            long results = resultsByClass.getOrDefault(from, 0L);
            // A deploy still being triaged stays while other changes wait on its answer.
            boolean triagingDeploy = change.deploy() && change.state() == ChangeState.TRIAGING
                    && waitedOn.contains(from);
            if (from.equals(current)) {
                closures.add(new ChangeClosure(change, ChangeState.IMPLIED, "its class joined the current version"));
            } else if (!toward.equals(current)) {
                if (classesAwaitingDeploy.contains(toward)) {
                    // Waits for the deploy change: if that one is cosmetic, this one still applies as is.
                    classesWithOpenChange.add(from);
                    staleByOpenChange.put(change.id(), results);
                } else {
                    closures.add(new ChangeClosure(change, ChangeState.SUPERSEDED,
                            "the current version moved to " + stage.currentHash()));
                }
            } else if (results == 0 && !triagingDeploy) {
                closures.add(new ChangeClosure(change, ChangeState.OBSOLETE, "no stored results left in its class"));
            } else if (!classesWithOpenChange.add(from)) {
                closures.add(new ChangeClosure(change, ChangeState.SUPERSEDED,
                        "another open change covers the same class"));
            } else {
                staleByOpenChange.put(change.id(), results);
            }
        }

        Set<String> resetInForce = resetInForce(stage, classes, current);
        long staleTotal = 0;
        for (Map.Entry<String, Long> entry : resultsByClass.entrySet()) {
            String klass = entry.getKey();
            if (klass.equals(current) || entry.getValue() == 0) {
                continue;
            }
            staleTotal += entry.getValue();
            if (classesWithOpenChange.contains(klass) || resetInForce.contains(klass)) {
                continue;
            }
            String representative = representative(stage, classes, klass).orElseThrow();
            creations.add(new NewChange(representative, stage.currentHash(), entry.getValue(), false,
                    vetoed(stage, classes, klass, current)));
            classesWithOpenChange.add(klass);
        }
        return new ReconcilePlan(closures, creations, staleByOpenChange, staleTotal);
    }

    /** Target classes of deploy changes still being triaged: changes toward them wait. */
    private static Set<String> classesAwaitingDeploy(StageView stage, EquivalenceClasses classes) {
        Set<String> awaiting = new HashSet<>();
        for (ChangeFacts change : stage.changes()) {
            if (change.deploy() && change.state() == ChangeState.TRIAGING
                    && !classes.same(change.oldHash(), stage.currentHash())) {
                awaiting.add(classes.classOf(change.oldHash()));
            }
        }
        return awaiting;
    }

    private static Set<String> resetInForce(StageView stage, EquivalenceClasses classes, String current) {
        Set<String> covered = new HashSet<>();
        for (ChangeFacts change : stage.changes()) {
            if (change.state() == ChangeState.RESET && classes.classOf(change.newHash()).equals(current)) {
                covered.add(classes.classOf(change.oldHash()));
            }
        }
        return covered;
    }

    private static boolean vetoed(StageView stage, EquivalenceClasses classes, String from, String toward) {
        return stage.vetoes().stream().anyMatch(v -> classes.classOf(v.oldHash()).equals(from)
                && classes.classOf(v.newHash()).equals(toward));
    }

    private static Map<String, Long> resultsByClass(StageView stage, EquivalenceClasses classes) {
        Map<String, Long> results = new HashMap<>();
        for (HashFacts facts : stage.hashes().values()) {
            results.merge(classes.classOf(facts.hash()), facts.results(), Long::sum);
        }
        return results;
    }

    /**
     * The member compared against: with a snapshot and the most results; else (triage will answer
     * NO_BASELINE) the member with the most results. Ties go to the newer first report, then the hash.
     */
    static Optional<String> representative(StageView stage, EquivalenceClasses classes, String klass) {
        Comparator<HashFacts> best = Comparator.comparing(HashFacts::hasSnapshot)
                .thenComparingLong(HashFacts::results)
                .thenComparing(f -> f.firstObservedAt() == null ? java.time.Instant.MIN : f.firstObservedAt())
                .thenComparing(HashFacts::hash, Comparator.reverseOrder());
        return stage.hashes().values().stream()
                .filter(f -> classes.classOf(f.hash()).equals(klass))
                .max(best)
                .map(HashFacts::hash);
    }
}

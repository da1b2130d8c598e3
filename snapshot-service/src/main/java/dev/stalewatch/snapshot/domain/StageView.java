package dev.stalewatch.snapshot.domain;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One stage as loaded, under its row lock, by the transaction that changes it.
 *
 * @param hashes every hash the stage knows (reported with source, or named by the histogram)
 * @param activeEdges equivalence edges in state ACTIVE
 * @param changes the open changes, and the RESET ones (a reset stays in force while its class has
 *                results)
 * @param vetoes pairs unblessed by a person: auto-bless never applies to them again
 * @param movedFrom the previous current hash when this transaction moved current, else null
 */
public record StageView(String currentHash, Map<String, HashFacts> hashes, Collection<HashPair> activeEdges,
        List<ChangeFacts> changes, Set<HashPair> vetoes, String movedFrom) {

    public EquivalenceClasses classes() {
        return new EquivalenceClasses(hashes.keySet(), activeEdges);
    }
}

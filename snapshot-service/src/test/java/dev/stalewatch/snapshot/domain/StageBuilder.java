package dev.stalewatch.snapshot.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.stalewatch.events.ChangeState;

/** Builds {@link StageView}s for reconciliation tests. */
final class StageBuilder {

    private String current;
    private String movedFrom;
    private final Map<String, HashFacts> hashes = new LinkedHashMap<>();
    private final List<HashPair> edges = new ArrayList<>();
    private final List<ChangeFacts> changes = new ArrayList<>();
    private final Set<HashPair> vetoes = new HashSet<>();
    private long nextId = 1;
    private long clock = 0;

    StageBuilder hash(String hash, long results) {
        hashes.put(hash, new HashFacts(hash, results, true, Instant.ofEpochSecond(++clock)));
        return this;
    }

    StageBuilder hashWithoutSnapshot(String hash, long results) {
        hashes.put(hash, new HashFacts(hash, results, false, null));
        return this;
    }

    StageBuilder current(String hash) {
        this.current = hash;
        return this;
    }

    StageBuilder movedFrom(String hash) {
        this.movedFrom = hash;
        return this;
    }

    StageBuilder edge(String oldHash, String newHash) {
        edges.add(new HashPair(oldHash, newHash));
        return this;
    }

    StageBuilder veto(String oldHash, String newHash) {
        vetoes.add(new HashPair(oldHash, newHash));
        return this;
    }

    ChangeFacts change(String oldHash, String newHash, ChangeState state) {
        return change(oldHash, newHash, state, false);
    }

    ChangeFacts change(String oldHash, String newHash, ChangeState state, boolean deploy) {
        ChangeFacts change = new ChangeFacts(nextId++, oldHash, newHash, state, deploy, 0);
        changes.add(change);
        return change;
    }

    StageView build() {
        return new StageView(current, hashes, edges, changes, vetoes, movedFrom);
    }
}

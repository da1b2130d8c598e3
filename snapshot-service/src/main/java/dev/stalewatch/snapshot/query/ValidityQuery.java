package dev.stalewatch.snapshot.query;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.stalewatch.events.ChangeState;
import dev.stalewatch.events.StageKey;
import dev.stalewatch.snapshot.domain.EquivalenceClasses;
import dev.stalewatch.snapshot.domain.HashFacts;
import dev.stalewatch.snapshot.store.ChangeRecord;
import dev.stalewatch.snapshot.store.ChangeRepository;
import dev.stalewatch.snapshot.store.EquivalenceRepository;
import dev.stalewatch.snapshot.store.StageRepository;
import dev.stalewatch.snapshot.store.StageViewRepository;

/** Answers {@link StageValidity} from one read-only look at the stage (three indexed queries). */
@ApplicationScoped
public class ValidityQuery {

    @Inject
    DataSource dataSource;
    @Inject
    StageRepository stages;
    @Inject
    StageViewRepository views;
    @Inject
    EquivalenceRepository equivalences;
    @Inject
    ChangeRepository changes;

    public Optional<StageValidity> of(StageKey key) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            c.setReadOnly(true);
            Optional<String> current = stages.currentHash(c, key);
            if (current.isEmpty()) {
                return Optional.empty();
            }
            Map<String, HashFacts> hashes = new TreeMap<>(views.hashes(c, key));
            EquivalenceClasses classes = new EquivalenceClasses(hashes.keySet(), equivalences.active(c, key));
            return Optional.of(answer(key, current.get(), hashes, classes, changes.findOpenOrReset(c, key)));
        }
    }

    static StageValidity answer(StageKey key, String current, Map<String, HashFacts> hashes,
            EquivalenceClasses classes, List<ChangeRecord> openOrReset) {
        List<String> valid = new ArrayList<>();
        valid.add(current);
        List<StageValidity.Version> versions = new ArrayList<>(hashes.size());
        for (HashFacts facts : hashes.values()) {
            String hash = facts.hash();
            if (classes.same(hash, current)) {
                if (!hash.equals(current)) {
                    valid.add(hash);
                }
                versions.add(new StageValidity.Version(hash, facts.results(), StageValidity.State.VALID, null));
                continue;
            }
            ChangeRecord deciding = openOrReset.stream()
                    .filter(change -> classes.same(change.oldHash(), hash))
                    .findFirst().orElse(null);
            StageValidity.State state = deciding == null ? StageValidity.State.STALE
                    : switch (deciding.state()) {
                        case RESET -> StageValidity.State.RESET_REQUESTED;
                        case TRIAGING -> StageValidity.State.TRIAGING;
                        default -> StageValidity.State.PENDING_DECISION;
                    };
            versions.add(new StageValidity.Version(hash, facts.results(), state,
                    deciding == null ? null : deciding.changeId()));
        }
        return new StageValidity(key.jobId(), key.stage(), current, List.copyOf(valid), List.copyOf(versions));
    }
}

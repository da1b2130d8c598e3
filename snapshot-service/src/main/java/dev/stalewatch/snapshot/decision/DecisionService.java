package dev.stalewatch.snapshot.decision;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.stalewatch.events.ChangeState;
import dev.stalewatch.events.EventCodec;
import dev.stalewatch.events.Method;
import dev.stalewatch.events.ResetRequested;
import dev.stalewatch.events.StageKey;
import dev.stalewatch.events.Topics;
import dev.stalewatch.events.Verdict;
import dev.stalewatch.messaging.outbox.Outbox;
import dev.stalewatch.messaging.outbox.OutboxMessages;
import dev.stalewatch.messaging.tx.TransactionRunner;
import dev.stalewatch.snapshot.domain.EquivalenceClasses;
import dev.stalewatch.snapshot.domain.HashFacts;
import dev.stalewatch.snapshot.domain.HashPair;
import dev.stalewatch.snapshot.rest.NotFoundProblem;
import dev.stalewatch.snapshot.rest.dto.StaleChange;
import dev.stalewatch.snapshot.service.ChangeEvents;
import dev.stalewatch.snapshot.service.StageReconciliation;
import dev.stalewatch.snapshot.store.ChangeRecord;
import dev.stalewatch.snapshot.store.ChangeRepository;
import dev.stalewatch.snapshot.store.EquivalenceRepository;
import dev.stalewatch.snapshot.store.ResetRequestRepository;
import dev.stalewatch.snapshot.store.SnapshotRepository;
import dev.stalewatch.snapshot.store.StageRepository;
import dev.stalewatch.snapshot.store.StageRow;
import dev.stalewatch.snapshot.store.StageViewRepository;

/**
 * A person's decisions on a stage (docs/architecture.md): bless, unblessing, reset, retriage, current.
 * Each runs in one transaction on the locked stage, records its author, publishes ChangeDecided
 * (and what else it causes) through the outbox, and reconciles the stage.
 */
@ApplicationScoped
public class DecisionService {

    private static final Logger LOG = Logger.getLogger(DecisionService.class);

    @Inject
    TransactionRunner transactions;
    @Inject
    StageRepository stages;
    @Inject
    ChangeRepository changes;
    @Inject
    EquivalenceRepository equivalences;
    @Inject
    SnapshotRepository snapshots;
    @Inject
    StageViewRepository views;
    @Inject
    StageReconciliation reconciliation;
    @Inject
    ChangeEvents events;
    @Inject
    Outbox outbox;
    @Inject
    EventCodec codec;
    @Inject
    ResetRequestRepository resetRequests;

    /** Accepts every open change of the stage, or one: old results count as current. */
    public DecisionResult bless(StageKey key, String expectedCurrentHash, String changeId, String reason,
            String author) throws Exception {
        return transactions.inTransaction(tx -> {
            StageRow stage = lockExpecting(tx, key, expectedCurrentHash);
            List<ChangeRecord> targets = openChanges(tx, key, changeId);
            if (targets.isEmpty()) {
                throw new DecisionConflict("no open change to bless on " + key);
            }
            String why = reason == null || reason.isBlank() ? "blessed by " + author : reason;
            List<ChangeRecord> touched = new ArrayList<>();
            for (ChangeRecord change : targets) {
                equivalences.insertActive(tx, key, new HashPair(change.oldHash(), change.newHash()), Method.MANUAL, why,
                        author, change.changeId());
                touched.add(decide(tx, change, ChangeState.BLESSED, Verdict.COSMETIC, Method.MANUAL, why, author));
            }
            return finish(tx, key, stage.currentHash(), null, touched);
        });
    }

    /**
     * Takes back an equivalence: the edge becomes UNBLESSED (a veto: auto-bless never applies to the
     * pair again), classes are recomputed, and the reopened change waits for a person.
     */
    public DecisionResult unbless(StageKey key, String oldHash, String newHash, String changeId, String author)
            throws Exception {
        return transactions.inTransaction(tx -> {
            StageRow stage = lock(tx, key);
            HashPair pair;
            if (changeId != null) {
                ChangeRecord change = changes.findByChangeId(tx, changeId)
                        .filter(c -> c.jobId().equals(key.jobId()) && c.stage().equals(key.stage()))
                        .orElseThrow(() -> new NotFoundProblem("no change " + changeId + " on " + key));
                pair = new HashPair(change.oldHash(), change.newHash());
            } else {
                pair = new HashPair(Objects.requireNonNull(oldHash, "oldHash"), Objects.requireNonNull(newHash,
                        "newHash"));
            }
            if (!equivalences.unbless(tx, key, pair, author)) {
                throw new NotFoundProblem("no blessed equivalence " + pair.oldHash() + " = " + pair.newHash()
                        + " on " + key);
            }
            LOG.infof("%s unblessed %s = %s on %s", author, pair.oldHash(), pair.newHash(), key);
            return finish(tx, key, stage.currentHash(), null, List.of());
        });
    }

    /** Asks the pipeline to recompute the stale results of every pending change. */
    public DecisionResult reset(StageKey key, String expectedCurrentHash, String author) throws Exception {
        return transactions.inTransaction(tx -> {
            StageRow stage = lockExpecting(tx, key, expectedCurrentHash);
            List<ChangeRecord> pending = changes.findOpenOrReset(tx, key).stream()
                    .filter(c -> c.state() == ChangeState.PENDING).toList();
            if (pending.isEmpty()) {
                throw new DecisionConflict("no pending change to reset on " + key);
            }
            Map<String, HashFacts> hashes = views.hashes(tx, key);
            EquivalenceClasses classes = new EquivalenceClasses(hashes.keySet(), equivalences.active(tx, key));
            Set<String> staleHashes = new java.util.TreeSet<>();
            List<ChangeRecord> touched = new ArrayList<>();
            for (ChangeRecord change : pending) {
                for (HashFacts facts : hashes.values()) {
                    if (facts.results() > 0 && classes.same(facts.hash(), change.oldHash())) {
                        staleHashes.add(facts.hash());
                    }
                }
                touched.add(decide(tx, change, ChangeState.RESET, change.verdict(), change.method(),
                        "reset requested by " + author, author));
            }
            ResetRequested request = ResetRequested.create(key.jobId(), key.stage(), stage.currentHash(),
                    List.copyOf(staleHashes), author);
            outbox.append(tx, OutboxMessages.of(Topics.RESET_REQUESTED, request, codec));
            resetRequests.insert(tx, request);
            return finish(tx, key, stage.currentHash(), null, touched);
        });
    }

    /** Sends pending changes back to triage as a new attempt (e.g. after the LLM was down). */
    public DecisionResult retriage(StageKey key, String changeId, String author) throws Exception {
        return transactions.inTransaction(tx -> {
            StageRow stage = lock(tx, key);
            Set<HashPair> vetoes = equivalences.vetoes(tx, key);
            List<ChangeRecord> targets = openChanges(tx, key, changeId).stream()
                    .filter(c -> c.state() == ChangeState.PENDING)
                    .filter(c -> !vetoes.contains(new HashPair(c.oldHash(), c.newHash())))
                    .toList();
            if (targets.isEmpty()) {
                throw new DecisionConflict("no pending change to retriage on " + key
                        + " (changes a person unblessed are decided by hand)");
            }
            List<ChangeRecord> touched = new ArrayList<>();
            for (ChangeRecord change : targets) {
                ChangeRecord again = changes.retriage(tx, change, author);
                events.decided(tx, again);
                events.triageRequested(tx, again);
                touched.add(again);
            }
            return finish(tx, key, stage.currentHash(), null, touched);
        });
    }

    /** Moves the current-hash pointer by hand, e.g. back to an older version after a rollback. */
    public DecisionResult current(StageKey key, String hash, String author) throws Exception {
        return transactions.inTransaction(tx -> {
            StageRow stage = lock(tx, key);
            if (!snapshots.exists(tx, key, hash)) {
                throw new NotFoundProblem("no snapshot of " + key + " at " + hash + ": only a reported version can be current");
            }
            if (hash.equals(stage.currentHash())) {
                return finish(tx, key, hash, null, List.of());
            }
            stages.setCurrent(tx, key, hash);
            LOG.infof("%s moved current of %s from %s to %s", author, key, stage.currentHash(), hash);
            return finish(tx, key, hash, stage.currentHash(), List.of());
        });
    }

    private ChangeRecord decide(Connection tx, ChangeRecord change, ChangeState state, Verdict verdict, Method method,
            String reason, String author) throws Exception {
        ChangeRecord decided = changes.transition(tx, change, state, verdict, method, change.model(), reason, author);
        events.decided(tx, decided);
        LOG.infof("%s: change %s %s -> %s", author, change.changeId(), change.state(), state);
        return decided;
    }

    /** Reconciles, then reports the touched changes and every change opened by the decision. */
    private DecisionResult finish(Connection tx, StageKey key, String currentHash, String movedFrom,
            List<ChangeRecord> touched) throws Exception {
        Set<Long> before = new HashSet<>();
        changes.findOpenOrReset(tx, key).forEach(c -> before.add(c.id()));
        long stale = reconciliation.reconcile(tx, key, currentHash, movedFrom);
        List<StaleChange> reported = new ArrayList<>();
        for (ChangeRecord change : touched) {
            reported.add(StaleChange.of(changes.findByChangeId(tx, change.changeId()).orElseThrow()));
        }
        for (ChangeRecord change : changes.findOpenOrReset(tx, key)) {
            if (!before.contains(change.id())) {
                reported.add(StaleChange.of(change));
            }
        }
        return new DecisionResult(key.jobId(), key.stage(), currentHash, reported, stale);
    }

    private List<ChangeRecord> openChanges(Connection tx, StageKey key, String changeId) throws Exception {
        List<ChangeRecord> open = changes.findOpenOrReset(tx, key).stream().filter(c -> c.state().isOpen()).toList();
        if (changeId == null) {
            return open;
        }
        List<ChangeRecord> one = open.stream().filter(c -> c.changeId().equals(changeId)).toList();
        if (one.isEmpty()) {
            ChangeRecord change = changes.findByChangeId(tx, changeId)
                    .filter(c -> c.jobId().equals(key.jobId()) && c.stage().equals(key.stage()))
                    .orElseThrow(() -> new NotFoundProblem("no change " + changeId + " on " + key));
            throw new DecisionConflict("change " + changeId + " is " + change.state() + ", not open");
        }
        return one;
    }

    private StageRow lock(Connection tx, StageKey key) throws Exception {
        StageRow stage = stages.lock(tx, List.of(key)).get(key);
        if (stage == null) {
            throw new NotFoundProblem("no stage " + key);
        }
        return stage;
    }

    private StageRow lockExpecting(Connection tx, StageKey key, String expectedCurrentHash) throws Exception {
        if (expectedCurrentHash == null || expectedCurrentHash.isBlank()) {
            throw new IllegalArgumentException("expectedCurrentHash is required");
        }
        StageRow stage = lock(tx, key);
        if (!expectedCurrentHash.equals(stage.currentHash())) {
            throw new DecisionConflict("current version of " + key + " is " + stage.currentHash() + ", not "
                    + expectedCurrentHash + ": look again before deciding");
        }
        return stage;
    }
}

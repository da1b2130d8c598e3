package dev.stalewatch.snapshot.service;

import java.sql.Connection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.stalewatch.events.ChangeState;
import dev.stalewatch.events.Method;
import dev.stalewatch.events.StageKey;
import dev.stalewatch.snapshot.domain.ChangeClosure;
import dev.stalewatch.snapshot.domain.NewChange;
import dev.stalewatch.snapshot.domain.ReconcilePlan;
import dev.stalewatch.snapshot.domain.Reconciler;
import dev.stalewatch.snapshot.domain.StageView;
import dev.stalewatch.snapshot.store.ChangeRecord;
import dev.stalewatch.snapshot.store.ChangeRepository;
import dev.stalewatch.snapshot.store.EquivalenceRepository;
import dev.stalewatch.snapshot.store.StageRepository;
import dev.stalewatch.snapshot.store.StageViewRepository;

/**
 * Restores the change invariant of one locked stage after a transaction changed it: loads the
 * stage, asks the {@link Reconciler}, and applies its plan with history and events.
 */
@ApplicationScoped
public class StageReconciliation {

    private static final Logger LOG = Logger.getLogger(StageReconciliation.class);

    private final Reconciler reconciler = new Reconciler();

    @Inject
    StageViewRepository views;
    @Inject
    EquivalenceRepository equivalences;
    @Inject
    ChangeRepository changes;
    @Inject
    StageRepository stages;
    @Inject
    ChangeEvents events;

    /**
     * @param currentHash the stage's current hash after this transaction
     * @param movedFrom the current hash before this transaction, if the transaction moved it
     * @return the stage's stale item count
     */
    public long reconcile(Connection tx, StageKey key, String currentHash, String movedFrom) throws Exception {
        List<ChangeRecord> known = changes.findOpenOrReset(tx, key);
        Map<Long, ChangeRecord> byId = new HashMap<>();
        known.forEach(c -> byId.put(c.id(), c));
        EquivalenceRepository.StageEdges edges = equivalences.activeAndVetoes(tx, key);
        StageView view = new StageView(currentHash, views.hashes(tx, key), edges.active(),
                known.stream().map(ChangeRecord::facts).toList(), edges.vetoes(), movedFrom);

        ReconcilePlan plan = reconciler.reconcile(view);

        for (ChangeClosure closure : plan.closures()) {
            ChangeRecord change = byId.get(closure.change().id());
            ChangeRecord closed = changes.transition(tx, change, closure.to(), change.verdict(), change.method(),
                    change.model(), closure.reason(), null);
            LOG.infof("change %s %s -> %s: %s", closed.changeId(), change.state(), closed.state(), closure.reason());
            events.decided(tx, closed);
        }
        for (Map.Entry<Long, Long> stale : plan.staleItemsByOpenChange().entrySet()) {
            // Read above in this transaction, on the locked stage: an equal count needs no statement.
            if (byId.get(stale.getKey()).staleItems() != stale.getValue()) {
                changes.setStaleItems(tx, stale.getKey(), stale.getValue());
            }
        }
        for (NewChange creation : plan.creations()) {
            create(tx, key, creation);
        }
        stages.setStaleItems(tx, key, plan.staleItems());
        return plan.staleItems();
    }

    private void create(Connection tx, StageKey key, NewChange creation) throws Exception {
        ChangeRecord change;
        if (creation.vetoed()) {
            change = changes.insert(tx, key, creation.oldHash(), creation.newHash(), ChangeState.PENDING,
                    creation.deploy(), Method.MANUAL,
                    "a person unblessed this pair before: it is never auto-blessed again", creation.staleItems());
        } else {
            change = changes.insert(tx, key, creation.oldHash(), creation.newHash(), ChangeState.TRIAGING,
                    creation.deploy(), null, null, creation.staleItems());
            events.triageRequested(tx, change);
        }
        LOG.infof("change %s created for %s: %s -> %s (%s, %d stale items)", change.changeId(), key,
                change.oldHash(), change.newHash(), change.state(), change.staleItems());
        events.decided(tx, change);
    }
}

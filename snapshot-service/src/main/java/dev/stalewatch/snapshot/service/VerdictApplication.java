package dev.stalewatch.snapshot.service;

import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.stalewatch.events.ChangeState;
import dev.stalewatch.events.StageKey;
import dev.stalewatch.events.TriageVerdict;
import dev.stalewatch.events.Verdict;
import dev.stalewatch.snapshot.domain.HashPair;
import dev.stalewatch.snapshot.store.ChangeRecord;
import dev.stalewatch.snapshot.store.ChangeRepository;
import dev.stalewatch.snapshot.store.EquivalenceRepository;
import dev.stalewatch.snapshot.store.StageRepository;
import dev.stalewatch.snapshot.store.StageRow;

/**
 * Applies triage verdicts. A verdict counts only for a change still TRIAGING with the same
 * attempt; anything else (a retriaged, superseded or decided change) is logged and ignored.
 */
@ApplicationScoped
public class VerdictApplication {

    private static final Logger LOG = Logger.getLogger(VerdictApplication.class);

    @Inject
    StageRepository stages;
    @Inject
    ChangeRepository changes;
    @Inject
    EquivalenceRepository equivalences;
    @Inject
    StageReconciliation reconciliation;
    @Inject
    ChangeEvents events;

    public void apply(Connection tx, List<TriageVerdict> verdicts) throws Exception {
        Map<StageKey, StageRow> locked = stages.lock(tx,
                verdicts.stream().map(v -> new StageKey(v.jobId(), v.stage())).toList());
        for (TriageVerdict verdict : verdicts) {
            StageRow stage = locked.get(new StageKey(verdict.jobId(), verdict.stage()));
            if (stage == null) {
                LOG.warnf("ignoring verdict for change %s: stage %s/%s is unknown", verdict.changeId(),
                        verdict.jobId(), verdict.stage());
                continue;
            }
            applyOne(tx, stage, verdict);
        }
    }

    private void applyOne(Connection tx, StageRow stage, TriageVerdict verdict) throws Exception {
        Optional<ChangeRecord> found = changes.findByChangeId(tx, verdict.changeId());
        if (found.isEmpty()) {
            LOG.warnf("ignoring verdict for unknown change %s", verdict.changeId());
            return;
        }
        ChangeRecord change = found.get();
        if (!change.jobId().equals(verdict.jobId()) || !change.stage().equals(verdict.stage())) {
            LOG.warnf("ignoring verdict for change %s: it names %s/%s, the change belongs to %s/%s",
                    verdict.changeId(), verdict.jobId(), verdict.stage(), change.jobId(), change.stage());
            return;
        }
        if (change.state() != ChangeState.TRIAGING || change.attempt() != verdict.attempt()) {
            LOG.infof("ignoring verdict %s (attempt %d) for change %s: it is %s at attempt %d", verdict.verdict(),
                    verdict.attempt(), change.changeId(), change.state(), change.attempt());
            return;
        }
        StageKey key = new StageKey(stage.jobId(), stage.stage());
        ChangeRecord decided;
        if (verdict.verdict() == Verdict.COSMETIC) {
            equivalences.insertActive(tx, key, new HashPair(change.oldHash(), change.newHash()), verdict.method(),
                    verdict.reason(), null, change.changeId());
            decided = changes.transition(tx, change, ChangeState.AUTO_BLESSED, verdict.verdict(), verdict.method(),
                    verdict.model(), verdict.reason(), null);
        } else {
            decided = changes.transition(tx, change, ChangeState.PENDING, verdict.verdict(), verdict.method(),
                    verdict.model(), verdict.reason(), null);
        }
        LOG.infof("change %s %s by %s: %s", decided.changeId(), decided.state(), verdict.method(), verdict.reason());
        events.decided(tx, decided);
        reconciliation.reconcile(tx, key, stage.currentHash(), null);
    }
}

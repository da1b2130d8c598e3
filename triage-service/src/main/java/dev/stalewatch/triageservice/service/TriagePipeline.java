package dev.stalewatch.triageservice.service;

import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.stalewatch.events.Method;
import dev.stalewatch.events.VersionChanged;
import dev.stalewatch.events.VersionHash;
import dev.stalewatch.triage.CodeSnapshot;
import dev.stalewatch.triage.OfflineDecision;
import dev.stalewatch.triage.OfflineTriage;
import dev.stalewatch.triage.Outcome;
import dev.stalewatch.triage.ProofRule;
import dev.stalewatch.triageservice.client.SnapshotJson;
import dev.stalewatch.triageservice.client.SnapshotServiceClient;
import dev.stalewatch.triageservice.config.TriageConfig;

/**
 * Decides one change (docs/triage.md): NO_BASELINE without an old snapshot, then IDENTICAL, STRUCTURAL,
 * and the LLM for what could not be proven. Infrastructure failures (snapshot-service down, database)
 * propagate: the change is tried again later.
 */
@ApplicationScoped
public class TriagePipeline {

    private static final Logger LOG = Logger.getLogger(TriagePipeline.class);

    private final SnapshotServiceClient snapshots;
    private final LlmTriage llmTriage;
    private final Set<ProofRule> proofRules;

    @Inject
    public TriagePipeline(SnapshotServiceClient snapshots, LlmTriage llmTriage, TriageConfig config) {
        this.snapshots = snapshots;
        this.llmTriage = llmTriage;
        this.proofRules = ProofRule.parseList(config.proofRules()); // a bad name stops the service at start
    }

    public Decision decide(VersionChanged change) throws Exception {
        Optional<SnapshotJson> oldJson = snapshots.snapshot(change.jobId(), change.stage(), change.oldHash());
        if (oldJson.isEmpty()) {
            return Decision.noBaseline("snapshot-service has no snapshot of the old version, so there is nothing "
                    + "to compare the new code with");
        }
        Optional<SnapshotJson> newJson = snapshots.snapshot(change.jobId(), change.stage(), change.newHash());
        if (newJson.isEmpty()) {
            return Decision.fallback("snapshot-service has no snapshot of the new version, so the change cannot "
                    + "be examined");
        }
        Optional<CodeSnapshot> oldVersion = CodeSnapshots.of(oldJson.get());
        Optional<CodeSnapshot> newVersion = CodeSnapshots.of(newJson.get());
        if (oldVersion.isEmpty() || newVersion.isEmpty()) {
            return Decision.fallback("snapshot incomplete: a stored version lacks its language, source or a "
                    + "dependency's text");
        }
        OfflineDecision offline;
        try {
            offline = OfflineTriage.decide(oldVersion.get(), newVersion.get(), proofRules);
        } catch (RuntimeException e) {
            // a comparator bug must not stop triage: the LLM (or the safe side) still decides
            LOG.warnf(e, "offline triage of %s failed; asking the LLM", change.changeId());
            offline = null;
        }
        if (offline != null && offline.outcome() == Outcome.IDENTICAL) {
            return identical(oldJson.get(), newJson.get());
        }
        if (offline != null && offline.outcome() == Outcome.STRUCTURAL) {
            return Decision.cosmetic(Method.STRUCTURAL, offline.reason().orElseThrow());
        }
        return llmTriage.decide(change, oldVersion.get(), newVersion.get(),
                offline == null ? Optional.empty() : offline.firstDifference());
    }

    /**
     * Same text under two different hashes: with Stalewatch's own algorithm that cannot hide anything; with a
     * foreign one the hash covers an input the snapshot does not show, so nothing is proven.
     */
    private static Decision identical(SnapshotJson oldJson, SnapshotJson newJson) {
        boolean ownAlgorithm = VersionHash.ALGORITHM.equals(oldJson.hashAlgorithm())
                && VersionHash.ALGORITHM.equals(newJson.hashAlgorithm());
        if (ownAlgorithm) {
            return Decision.cosmetic(Method.IDENTICAL, "source and dependencies are byte for byte the same");
        }
        return Decision.fallback("snapshot incomplete: source and dependencies are identical but the version "
                + "hashes differ (hash algorithm " + oldJson.hashAlgorithm() + " / " + newJson.hashAlgorithm()
                + "), so the hash covers an input the snapshot does not show");
    }
}

package dev.stalewatch.triageservice.service;

import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.stalewatch.events.EventCodec;
import dev.stalewatch.events.Topics;
import dev.stalewatch.events.VersionChanged;
import dev.stalewatch.messaging.consume.BatchHandler;
import dev.stalewatch.messaging.consume.Delivery;
import dev.stalewatch.messaging.outbox.Outbox;
import dev.stalewatch.messaging.outbox.OutboxMessages;
import dev.stalewatch.triageservice.config.TriageConfig;
import dev.stalewatch.triageservice.metrics.TriageMetrics;
import dev.stalewatch.triageservice.store.StoredVerdict;
import dev.stalewatch.triageservice.store.VerdictRepository;

/**
 * Consumes VersionChanged. Per (changeId, attempt): a stored verdict is re-published as it is (a crash
 * between storing and publishing never asks the LLM again); otherwise the change is decided, the
 * verdict stored in a transaction of its own, and then published through the outbox in the consumer's
 * transaction, which also claims it so it goes out exactly once.
 */
@ApplicationScoped
public class ChangeTriageHandler implements BatchHandler<VersionChanged> {

    private static final Logger LOG = Logger.getLogger(ChangeTriageHandler.class);

    private final VerdictRepository verdicts;
    private final TriagePipeline pipeline;
    private final Outbox outbox;
    private final EventCodec codec;
    private final TriageMetrics metrics;
    private final Duration pauseBeforePublish;

    @Inject
    public ChangeTriageHandler(VerdictRepository verdicts, TriagePipeline pipeline, Outbox outbox, EventCodec codec,
            TriageMetrics metrics, TriageConfig config) {
        this.verdicts = verdicts;
        this.pipeline = pipeline;
        this.outbox = outbox;
        this.codec = codec;
        this.metrics = metrics;
        this.pauseBeforePublish = config.testing().pauseBeforePublish();
    }

    @Override
    public void handle(Connection tx, List<Delivery<VersionChanged>> batch) throws Exception {
        for (Delivery<VersionChanged> delivery : batch) {
            StoredVerdict verdict = storedOrDecided(delivery.event());
            pauseIfTesting();
            if (verdicts.claimPublication(tx, verdict.changeId(), verdict.attempt())) {
                outbox.append(tx, OutboxMessages.of(Topics.VERDICTS, verdict.toEvent(), codec));
            }
        }
    }

    private StoredVerdict storedOrDecided(VersionChanged change) throws Exception {
        Optional<StoredVerdict> stored = verdicts.find(change.changeId(), change.attempt());
        if (stored.isPresent()) {
            LOG.infof("change %s attempt %d already decided (%s by %s); publishing the stored verdict",
                    change.changeId(), change.attempt(), stored.get().verdict(), stored.get().method());
            return stored.get();
        }
        Decision decision = pipeline.decide(change);
        StoredVerdict verdict = verdicts.store(change, decision);
        metrics.decided(verdict.method(), verdict.verdict());
        LOG.infof("change %s attempt %d (%s/%s): %s by %s%s: %s", change.changeId(), change.attempt(),
                change.jobId(), change.stage(), verdict.verdict(), verdict.method(),
                verdict.model() == null ? "" : " (" + verdict.model() + ")", verdict.reason());
        return verdict;
    }

    private void pauseIfTesting() throws InterruptedException {
        if (!pauseBeforePublish.isZero()) {
            LOG.infof("verdict stored; pausing %d ms before publishing (test hook)", pauseBeforePublish.toMillis());
            Thread.sleep(pauseBeforePublish.toMillis());
        }
    }
}

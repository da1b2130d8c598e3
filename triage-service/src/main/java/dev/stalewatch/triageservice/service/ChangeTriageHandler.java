package dev.stalewatch.triageservice.service;

import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.stalewatch.events.EventCodec;
import dev.stalewatch.events.Topics;
import dev.stalewatch.events.VersionChanged;
import dev.stalewatch.messaging.consume.BatchHandler;
import dev.stalewatch.messaging.concurrent.SideBySide;
import dev.stalewatch.messaging.consume.Delivery;
import dev.stalewatch.messaging.outbox.Outbox;
import dev.stalewatch.messaging.outbox.OutboxMessages;
import dev.stalewatch.triageservice.config.TriageConfig;
import dev.stalewatch.triageservice.metrics.TriageMetrics;
import dev.stalewatch.triageservice.store.StoredVerdict;
import dev.stalewatch.triageservice.store.VerdictRepository;

/**
 * Consumes VersionChanged in two steps. Before the consumer's transaction, the batch's changes are
 * decided side by side (up to {@code stalewatch.triage.consumers.concurrent-decisions} at once), each
 * verdict stored in a transaction of its own as soon as it is known; a change whose (changeId, attempt)
 * has a stored verdict is not decided again, so a crash between storing and publishing never asks the
 * LLM twice. Then, in the consumer's transaction, each stored verdict is claimed and appended to the
 * outbox, so it goes out exactly once. No transaction is open while snapshot-service or the LLM answers.
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
    private final ExecutorService deciders;

    @Inject
    public ChangeTriageHandler(VerdictRepository verdicts, TriagePipeline pipeline, Outbox outbox, EventCodec codec,
            TriageMetrics metrics, TriageConfig config) {
        this.verdicts = verdicts;
        this.pipeline = pipeline;
        this.outbox = outbox;
        this.codec = codec;
        this.metrics = metrics;
        this.pauseBeforePublish = config.testing().pauseBeforePublish();
        this.deciders = Executors.newFixedThreadPool(config.consumers().concurrentDecisions(),
                SideBySide.daemonThreads("triage-decider"));
    }

    @PreDestroy
    void stop() {
        deciders.shutdownNow();
    }

    @Override
    public void prepare(List<Delivery<VersionChanged>> batch) throws Exception {
        if (batch.size() == 1) {
            storedOrDecided(batch.get(0).event());
            return;
        }
        SideBySide.runAll(deciders, batch.stream()
                .map(delivery -> (Callable<StoredVerdict>) () -> storedOrDecided(delivery.event()))
                .toList());
    }

    @Override
    public void handle(Connection tx, List<Delivery<VersionChanged>> batch) throws Exception {
        for (Delivery<VersionChanged> delivery : batch) {
            VersionChanged change = delivery.event();
            pauseIfTesting();
            Optional<StoredVerdict> claimed = verdicts.claimPublication(tx, change.changeId(), change.attempt());
            if (claimed.isEmpty() && verdicts.find(tx, change.changeId(), change.attempt()).isEmpty()) {
                // Not prepared (no stored verdict at all): decide now rather than lose the change.
                storedOrDecided(change);
                claimed = verdicts.claimPublication(tx, change.changeId(), change.attempt());
            }
            if (claimed.isPresent()) {
                outbox.append(tx, OutboxMessages.of(Topics.VERDICTS, claimed.get().toEvent(), codec));
            }
        }
    }

    private StoredVerdict storedOrDecided(VersionChanged change) throws Exception {
        Optional<StoredVerdict> stored = verdicts.find(change.changeId(), change.attempt());
        if (stored.isPresent()) {
            if (stored.get().publishedAt() == null) {
                LOG.infof("change %s attempt %d already decided (%s by %s); publishing the stored verdict",
                        change.changeId(), change.attempt(), stored.get().verdict(), stored.get().method());
            }
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

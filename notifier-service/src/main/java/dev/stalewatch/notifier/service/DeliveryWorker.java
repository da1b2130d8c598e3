package dev.stalewatch.notifier.service;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.stalewatch.messaging.concurrent.WorkerThreads;
import dev.stalewatch.notifier.client.Channel;
import dev.stalewatch.notifier.client.Channels;
import dev.stalewatch.notifier.client.DeliveryOutcome;
import dev.stalewatch.notifier.config.NotifierConfig;

/**
 * One thread per replica that closes due digest windows and sends due deliveries: claim (committed), send,
 * mark. Everything it needs to resume is in the database, so a restart continues where it stopped.
 */
@ApplicationScoped
public class DeliveryWorker {

    private static final Logger LOG = Logger.getLogger(DeliveryWorker.class);
    private static final Duration BACKLOG_REFRESH = Duration.ofSeconds(5);
    /** Time kept in each lease after the longest send for recording its outcome, retries included. */
    static final Duration MARK_MARGIN = Duration.ofSeconds(5);
    private static final Duration FIRST_MARK_RETRY = Duration.ofMillis(100);
    private static final Duration LAST_MARK_RETRY = Duration.ofSeconds(1);

    private final DigestFlusher flusher;
    private final DeliveryStore deliveries;
    private final Channels channels;
    private final NotifierMetrics metrics;
    private final RetryPolicy retries;
    private final NotifierConfig.Delivery settings;
    private final int claimSize;
    private final Object wakeUp = new Object();

    private volatile boolean running;
    private volatile String lastFailure;
    private Thread thread;
    private Instant backlogRefreshedAt = Instant.EPOCH;

    @Inject
    public DeliveryWorker(NotifierConfig config, DigestFlusher flusher, DeliveryStore deliveries, Channels channels,
            NotifierMetrics metrics) {
        this.flusher = flusher;
        this.deliveries = deliveries;
        this.channels = channels;
        this.metrics = metrics;
        this.settings = config.delivery();
        this.retries = new RetryPolicy(settings.initialBackoff(), settings.maxBackoff(), settings.giveUpAfter());
        Duration longestSend = settings.connectTimeout().plus(settings.readTimeout());
        if (settings.lease().compareTo(longestSend.plus(MARK_MARGIN)) < 0) {
            throw new IllegalArgumentException("stalewatch.notifier.delivery.lease (" + settings.lease()
                    + ") must exceed connect-timeout + read-timeout (" + longestSend + ") by at least "
                    + MARK_MARGIN + ": a send and its mark must fit in one lease");
        }
        this.claimSize = claimSize(settings.batchSize(), settings.lease(), longestSend);
    }

    /**
     * As many rows as one sender can start within the claim's lease when every send takes as long as it
     * may: the rows of a claim are sent one after another, so with a slow channel the later rows of a larger
     * claim would expire unsent while another replica sat idle, and be taken over.
     */
    static int claimSize(int batchSize, Duration lease, Duration longestSend) {
        long startable = 1 + lease.minus(MARK_MARGIN).toMillis() / longestSend.toMillis();
        return (int) Math.max(1, Math.min(batchSize, startable));
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = WorkerThreads.start("notifier-delivery", this::run, () -> !running);
    }

    /** Lets the push in flight finish and be marked (never interrupted: that would open the duplicate window). */
    public synchronized void stop() {
        running = false;
        wake();
        if (thread != null) {
            try {
                thread.join(settings.connectTimeout().plus(settings.readTimeout()).plusSeconds(5).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Null while the database answers; else why the last round failed. */
    public String lastFailure() {
        return lastFailure;
    }

    public void wake() {
        synchronized (wakeUp) {
            wakeUp.notifyAll();
        }
    }

    private void run() {
        while (running) {
            boolean busy = false;
            try {
                flusher.flushDue();
                List<ClaimedDelivery> claimed = deliveries.claim(claimSize, settings.lease());
                for (ClaimedDelivery delivery : claimed) {
                    deliver(delivery);
                }
                busy = claimed.size() == claimSize;
                refreshBacklog();
                if (lastFailure != null) {
                    LOG.info("delivery worker reaches the database again");
                }
                lastFailure = null;
            } catch (Exception e) {
                if (lastFailure == null) {
                    LOG.warnf("delivery worker cannot use the database, retrying: %s", e.toString());
                }
                lastFailure = e.toString();
            }
            if (!busy) {
                pause();
            }
        }
    }

    private void deliver(ClaimedDelivery delivery) throws Exception {
        if (delivery.reclaimed()) {
            LOG.warnf("delivery %d (%s) was claimed before by a sender whose lease ran out; if that sender crashed "
                    + "between the channel's answer and recording it, this push arrives twice", delivery.id(),
                    delivery.channel());
        }
        Optional<Channel> channel = channels.named(delivery.channel());
        if (channel.isEmpty()) {
            deliveries.markFailed(delivery, "channel " + delivery.channel() + " is not configured on this instance");
            metrics.failed(delivery.channel());
            return;
        }
        // The claim may be older than its lease by now (earlier rows of the batch took their time): renew
        // it, or leave the row to the sender that took it over.
        Instant leaseEnds = Instant.now().plus(settings.lease());
        if (!deliveries.renewLease(delivery, settings.lease())) {
            LOG.infof("delivery %d (%s) was taken over by another sender; not sending it here", delivery.id(),
                    delivery.channel());
            return;
        }
        DeliveryOutcome outcome = channel.get().send(delivery.push());
        String what = delivery.channel() + " push " + delivery.push().pushId() + " (\"" + delivery.push().title()
                + "\", attempt " + delivery.attempts() + ")";
        if (outcome instanceof DeliveryOutcome.Sent sent) {
            if (markWithinLease(what, leaseEnds, () -> deliveries.markSent(delivery, sent.remoteId()))) {
                metrics.sent(delivery.channel());
                LOG.infof("sent %s", what);
            }
        } else if (outcome instanceof DeliveryOutcome.Rejected rejected) {
            if (deliveries.markFailed(delivery, rejected.errors())) {
                metrics.failed(delivery.channel());
                LOG.errorf("%s refused for good, not retried: %s", what, rejected.errors());
            }
        } else if (outcome instanceof DeliveryOutcome.RetryLater retry) {
            retryLater(delivery, what, retry.reason());
        }
    }

    private void retryLater(ClaimedDelivery delivery, String what, String reason) throws Exception {
        if (retries.givesUp(delivery.queuedAt(), Instant.now())) {
            String errors = "gave up after " + delivery.attempts() + " attempts: " + reason;
            if (deliveries.markFailed(delivery, errors)) {
                metrics.failed(delivery.channel());
                LOG.errorf("%s %s", what, errors);
            }
            return;
        }
        Duration delay = retries.delayAfter(delivery.attempts());
        if (deliveries.markRetry(delivery, reason, delay)) {
            metrics.retried(delivery.channel());
            LOG.warnf("%s not delivered, retrying in %d ms: %s", what, delay.toMillis(), reason);
        }
    }

    /** A mark step that talks to the database. */
    interface Mark {
        boolean apply() throws Exception;
    }

    /**
     * Records a send's outcome, retrying a failing database in place until the lease would run out: a
     * push Pushover accepted but not recorded as sent is sent again once its lease expires.
     */
    private boolean markWithinLease(String what, Instant leaseEnds, Mark mark) throws Exception {
        Duration wait = FIRST_MARK_RETRY;
        while (true) {
            try {
                return mark.apply();
            } catch (Exception e) {
                if (Instant.now().plus(wait).isAfter(leaseEnds.minus(Duration.ofSeconds(1)))) {
                    LOG.errorf("%s was delivered but could not be recorded before its lease ran out; it will be "
                            + "sent again: %s", what, e.toString());
                    throw e;
                }
                LOG.warnf("%s was delivered; recording it failed, retrying in %d ms: %s", what, wait.toMillis(),
                        e.toString());
                Thread.sleep(wait.toMillis());
                wait = wait.multipliedBy(2).compareTo(LAST_MARK_RETRY) > 0 ? LAST_MARK_RETRY : wait.multipliedBy(2);
            }
        }
    }

    private void refreshBacklog() throws Exception {
        Instant now = Instant.now();
        if (Duration.between(backlogRefreshedAt, now).compareTo(BACKLOG_REFRESH) >= 0) {
            long[] backlog = deliveries.backlog();
            metrics.backlog(backlog[0], backlog[1]);
            backlogRefreshedAt = now;
        }
    }

    private void pause() {
        synchronized (wakeUp) {
            try {
                wakeUp.wait(settings.pollInterval().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            }
        }
    }
}

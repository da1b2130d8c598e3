package dev.stalewatch.notifier.service;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

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

    private final DigestFlusher flusher;
    private final DeliveryStore deliveries;
    private final Channels channels;
    private final NotifierMetrics metrics;
    private final RetryPolicy retries;
    private final NotifierConfig.Delivery settings;
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
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(this::run, "notifier-delivery");
        thread.setDaemon(true);
        thread.start();
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
                List<ClaimedDelivery> claimed = deliveries.claim(settings.batchSize(), settings.lease());
                for (ClaimedDelivery delivery : claimed) {
                    deliver(delivery);
                }
                busy = claimed.size() == settings.batchSize();
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
            LOG.warnf("delivery %d (%s) was left mid-send by a stopped sender; sending again, it may arrive twice",
                    delivery.id(), delivery.channel());
        }
        Optional<Channel> channel = channels.named(delivery.channel());
        if (channel.isEmpty()) {
            deliveries.markFailed(delivery, "channel " + delivery.channel() + " is not configured on this instance");
            metrics.failed(delivery.channel());
            return;
        }
        DeliveryOutcome outcome = channel.get().send(delivery.push());
        String what = delivery.channel() + " push " + delivery.push().pushId() + " (\"" + delivery.push().title()
                + "\", attempt " + delivery.attempts() + ")";
        if (outcome instanceof DeliveryOutcome.Sent sent) {
            if (deliveries.markSent(delivery, sent.remoteId())) {
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

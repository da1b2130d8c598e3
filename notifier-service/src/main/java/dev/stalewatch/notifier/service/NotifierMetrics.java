package dev.stalewatch.notifier.service;

import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/** Pushes sent, failed, retried (per channel), pending and digesting, and digest sizes. */
@ApplicationScoped
public class NotifierMetrics {

    private final MeterRegistry registry;
    private final AtomicLong pendingDeliveries = new AtomicLong();
    private final AtomicLong digestingChanges = new AtomicLong();
    private final DistributionSummary digestSizes;

    @Inject
    public NotifierMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("stalewatch.notifier.pushes.pending", pendingDeliveries, AtomicLong::get)
                .description("Deliveries queued or being retried").register(registry);
        Gauge.builder("stalewatch.notifier.changes.digesting", digestingChanges, AtomicLong::get)
                .description("Changes waiting for their digest window to close").register(registry);
        this.digestSizes = DistributionSummary.builder("stalewatch.notifier.digest.size")
                .description("Changes per push composed from a digest window").register(registry);
    }

    public void sent(String channel) {
        registry.counter("stalewatch.notifier.pushes.sent", "channel", channel).increment();
    }

    public void failed(String channel) {
        registry.counter("stalewatch.notifier.pushes.failed", "channel", channel).increment();
    }

    public void retried(String channel) {
        registry.counter("stalewatch.notifier.pushes.retried", "channel", channel).increment();
    }

    public void digestFlushed(int changes) {
        digestSizes.record(changes);
    }

    public void backlog(long pending, long digesting) {
        pendingDeliveries.set(pending);
        digestingChanges.set(digesting);
    }
}

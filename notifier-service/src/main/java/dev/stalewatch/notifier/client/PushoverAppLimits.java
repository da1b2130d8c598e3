package dev.stalewatch.notifier.client;

import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The application's monthly message budget as Pushover reports it in every answer
 * ({@code X-Limit-App-Limit}, {@code -Remaining}, {@code -Reset}), as gauges, with a warning when less than
 * 10 % is left: once the budget is spent Pushover answers 429 until the reset.
 */
@ApplicationScoped
public class PushoverAppLimits {

    private static final Logger LOG = Logger.getLogger(PushoverAppLimits.class);
    private static final double WARN_BELOW = 0.10;

    private final AtomicLong limit = new AtomicLong(-1);
    private final AtomicLong remaining = new AtomicLong(-1);
    private final AtomicLong resetEpochSeconds = new AtomicLong(-1);
    private final AtomicLong warnedForReset = new AtomicLong(Long.MIN_VALUE);

    @Inject
    public PushoverAppLimits(MeterRegistry registry) {
        Gauge.builder("stalewatch.notifier.pushover.app.limit", limit, AtomicLong::get)
                .description("Pushover messages allowed per month (-1: not reported yet)").register(registry);
        Gauge.builder("stalewatch.notifier.pushover.app.remaining", remaining, AtomicLong::get)
                .description("Pushover messages left this month (-1: not reported yet)").register(registry);
        Gauge.builder("stalewatch.notifier.pushover.app.reset", resetEpochSeconds, AtomicLong::get)
                .description("When the Pushover monthly count resets, epoch seconds").register(registry);
    }

    /** Takes the header values of one answer; absent or unreadable ones leave the last known value. */
    public void record(String limitHeader, String remainingHeader, String resetHeader) {
        parse(limitHeader).ifPresent(limit::set);
        parse(resetHeader).ifPresent(resetEpochSeconds::set);
        java.util.OptionalLong left = parse(remainingHeader);
        if (left.isEmpty()) {
            return;
        }
        remaining.set(left.getAsLong());
        long budget = limit.get();
        if (budget > 0 && left.getAsLong() < budget * WARN_BELOW
                && warnedForReset.getAndSet(resetEpochSeconds.get()) != resetEpochSeconds.get()) {
            LOG.warnf("Pushover application budget nearly spent: %d of %d messages left until %d (epoch seconds)",
                    left.getAsLong(), budget, resetEpochSeconds.get());
        }
    }

    public long remaining() {
        return remaining.get();
    }

    private static java.util.OptionalLong parse(String header) {
        if (header == null || header.isBlank()) {
            return java.util.OptionalLong.empty();
        }
        try {
            return java.util.OptionalLong.of(Long.parseLong(header.trim()));
        } catch (NumberFormatException e) {
            return java.util.OptionalLong.empty();
        }
    }
}

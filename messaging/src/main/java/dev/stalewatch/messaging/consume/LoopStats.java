package dev.stalewatch.messaging.consume;

import java.util.concurrent.atomic.AtomicLong;

/** Running counts of one consumer loop, for the service's metrics. */
public final class LoopStats {

    private final AtomicLong applied = new AtomicLong();
    private final AtomicLong redeliveriesSkipped = new AtomicLong();
    private final AtomicLong deadLettered = new AtomicLong();
    private final AtomicLong infrastructureFailures = new AtomicLong();

    void applied(long n) {
        applied.addAndGet(n);
    }

    void skipped(long n) {
        redeliveriesSkipped.addAndGet(n);
    }

    void deadLetter() {
        deadLettered.incrementAndGet();
    }

    void infrastructureFailed() {
        infrastructureFailures.incrementAndGet();
    }

    /** Events applied in a committed transaction. */
    public long applied() {
        return applied.get();
    }

    /** Events skipped because their id was processed before. */
    public long redeliveriesSkipped() {
        return redeliveriesSkipped.get();
    }

    public long deadLettered() {
        return deadLettered.get();
    }

    public long infrastructureFailures() {
        return infrastructureFailures.get();
    }
}

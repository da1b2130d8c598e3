package dev.stalewatch.messaging.support;

import java.time.Duration;
import java.util.concurrent.Callable;

/** Polls a condition until it holds or the time is up. */
public final class Await {

    private Await() {
    }

    public static void until(String what, Duration timeout, Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (Boolean.TRUE.equals(condition.call())) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for: " + what);
    }
}

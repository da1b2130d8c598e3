package dev.stalewatch.testkit.stub;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How a stub misbehaves right now. Read by the server's threads on every request, set by the test thread:
 * hence volatile fields and an atomic countdown.
 */
final class ResponseKnobs {

    enum Mode { NORMAL, FAIL, MALFORMED, TRUNCATED, DROP_CONNECTION }

    /** What to do with one request; {@code status} only matters for FAIL. */
    record Decision(Mode mode, int status) {
    }

    private volatile Decision standing = new Decision(Mode.NORMAL, 200);
    private volatile int countdownStatus = 500;
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private volatile Duration delay = Duration.ZERO;
    private volatile Map<String, String> errorHeaders = Map.of();

    void normal() {
        standing = new Decision(Mode.NORMAL, 200);
        failuresLeft.set(0);
        delay = Duration.ZERO;
        errorHeaders = Map.of();
    }

    void failAlways(int status) {
        standing = new Decision(Mode.FAIL, status);
    }

    void failNext(int count, int status) {
        countdownStatus = status;
        failuresLeft.set(count);
    }

    void mode(Mode mode) {
        standing = new Decision(mode, 200);
    }

    void delay(Duration newDelay) {
        delay = newDelay;
    }

    Duration delay() {
        return delay;
    }

    synchronized void errorHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(errorHeaders);
        more.put(name, value);
        errorHeaders = Map.copyOf(more);
    }

    Map<String, String> errorHeaders() {
        return errorHeaders;
    }

    /** The decision for the request arriving now; uses up one of the "fail next n" if any are left. */
    Decision decide() {
        if (failuresLeft.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
            return new Decision(Mode.FAIL, countdownStatus);
        }
        return standing;
    }
}

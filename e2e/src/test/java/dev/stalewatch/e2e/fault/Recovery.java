package dev.stalewatch.e2e.fault;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import dev.stalewatch.testkit.process.ServiceProcess;

/** How long the services take, once a fault ends, until every one of them is ready again. */
final class Recovery {

    private Recovery() {
    }

    /** Restarts a service that was killed and says how long it took until it was ready (start included). */
    static Duration restart(String fault, ServiceProcess service, Duration bound) {
        long start = System.nanoTime();
        service.restart();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        System.out.printf("[fault] %s: restarted and ready in %.1f s (bound %d s)%n", fault, took.toMillis() / 1000.0,
                bound.toSeconds());
        assertTrue(took.compareTo(bound) <= 0, fault + ": ready again after " + took + ", more than " + bound);
        return took;
    }

    /** Waits (up to a minute) until each service's readiness is UP; fails when that took longer than the bound. */
    static Duration awaitReady(String fault, List<ServiceProcess> services, Duration bound) {
        long start = System.nanoTime();
        Ledger.await("every service ready after " + fault, Duration.ofSeconds(60),
                () -> services.stream().allMatch(ServiceProcess::isReady));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        System.out.printf("[fault] %s: every service ready %.1f s after the fault ended (bound %d s)%n", fault,
                took.toMillis() / 1000.0, bound.toSeconds());
        assertTrue(took.compareTo(bound) <= 0, fault + ": ready again after " + took + ", more than " + bound);
        return took;
    }
}

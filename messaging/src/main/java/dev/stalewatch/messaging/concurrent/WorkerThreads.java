package dev.stalewatch.messaging.concurrent;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The long-running threads of this process (consumer loops, outbox relay, delivery worker) and
 * which of them have ended without being asked to. A thread that dies of any {@code Throwable}
 * or returns while it should run leaves the process unable to do its work although every HTTP
 * endpoint still answers: liveness reports it, so that the orchestrator restarts the process.
 * One process is one service, so the registry is process-wide.
 */
public final class WorkerThreads {

    private static final Logger LOG = LoggerFactory.getLogger(WorkerThreads.class);
    private static final Map<String, String> DEAD = new ConcurrentHashMap<>();
    private static final Map<String, Thread> RUNNING = new ConcurrentHashMap<>();
    private static final Map<String, String> CAUSES = new ConcurrentHashMap<>();

    /** Liveness: up while no worker thread has ended on its own; details name each thread. */
    public record Liveness(boolean up, Map<String, String> details) {
    }

    private WorkerThreads() {
    }

    /**
     * Starts a daemon thread named {@code name}.
     *
     * @param stopRequested true once the owner asked the thread to end; an end before that is a death
     */
    public static Thread start(String name, Runnable body, BooleanSupplier stopRequested) {
        Thread thread = new Thread(() -> {
            String why = "ended without being stopped";
            try {
                body.run();
            } catch (Throwable e) {
                why = "died of " + e;
                LOG.error("worker thread {} died", name, e);
            } finally {
                RUNNING.remove(name);
                String cause = CAUSES.remove(name);
                if (!stopRequested.getAsBoolean()) {
                    DEAD.put(name, cause == null ? why : why + ": " + cause);
                }
            }
        }, name);
        thread.setDaemon(true);
        DEAD.remove(name);
        RUNNING.put(name, thread);
        thread.start();
        return thread;
    }

    /** What stopped a thread that catches its own failure before it ends (reported if it was not asked to end). */
    public static void recordCause(String name, Throwable cause) {
        CAUSES.put(name, cause.toString());
    }

    public static Liveness liveness() {
        Map<String, String> details = new TreeMap<>();
        RUNNING.keySet().forEach(name -> details.put(name, "RUNNING"));
        DEAD.forEach((name, why) -> details.put(name, "DEAD " + why));
        return new Liveness(DEAD.isEmpty(), Map.copyOf(details));
    }
}

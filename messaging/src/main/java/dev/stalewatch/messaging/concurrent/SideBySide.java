package dev.stalewatch.messaging.concurrent;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Pieces of one batch run side by side on a pool, as the consumer loop and the services' handlers do. */
public final class SideBySide {

    private SideBySide() {
    }

    /** Daemon threads named {@code prefix-1}, {@code prefix-2}, …: they never keep a stopping JVM alive. */
    public static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger created = new AtomicInteger();
        return task -> {
            Thread t = new Thread(task, prefix + "-" + created.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /**
     * Runs every task on the pool and waits for all of them, so none is still running when this
     * returns or throws (a retry never overlaps its predecessor); then throws the first task's
     * failure as the task threw it.
     */
    public static void runAll(ExecutorService pool, List<? extends Callable<?>> tasks) throws Exception {
        List<Future<?>> running = new ArrayList<>(tasks.size());
        for (Callable<?> task : tasks) {
            running.add(pool.submit(task));
        }
        Exception failure = null;
        for (Future<?> task : running) {
            try {
                task.get();
            } catch (ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof Exception cause ? cause : e;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                if (failure == null) {
                    failure = e;
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}

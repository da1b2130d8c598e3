package dev.stalewatch.testkit.process;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Child JVMs still running; killed when the test JVM exits, so no service outlives the build that started it. */
final class LiveProcesses {

    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(
            () -> LIVE.forEach(Process::destroyForcibly), "stalewatch-service-process-reaper"));
    }

    private LiveProcesses() {
    }

    static void add(Process process) {
        LIVE.add(process);
        process.onExit().thenRun(() -> LIVE.remove(process));
    }
}

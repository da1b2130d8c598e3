package dev.stalewatch.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps the INFO chatter of the shared fixtures (hundreds of lines per broker start, every line PostgreSQL
 * prints) out of test output. {@code -Dstalewatch.test.verbose=true} shows everything.
 *
 * <p>Levels are set on java.util.logging and, when present, directly on JBoss LogManager's system context:
 * Quarkus test runs often touch logging before surefire sets {@code java.util.logging.manager}, and then the
 * JDK's LogManager and JBoss's (where SLF4J logs go) are two different worlds.
 */
public final class QuietLogs {

    // held strongly: java.util.logging forgets the level of a logger nobody references
    private static final List<Logger> QUIETED = new ArrayList<>();

    private QuietLogs() {
    }

    public static synchronized void quiet(String... loggerNames) {
        if (Boolean.getBoolean("stalewatch.test.verbose")) {
            return;
        }
        for (String name : loggerNames) {
            quiet(Logger.getLogger(name));
            jbossLogger(name).ifPresent(QuietLogs::quiet);
        }
    }

    private static void quiet(Logger logger) {
        logger.setLevel(Level.WARNING);
        QUIETED.add(logger);
    }

    private static java.util.Optional<Logger> jbossLogger(String name) {
        try {
            Class<?> logContext = Class.forName("org.jboss.logmanager.LogContext", true, QuietLogs.class.getClassLoader());
            Object system = logContext.getMethod("getSystemLogContext").invoke(null);
            return java.util.Optional.of((Logger) logContext.getMethod("getLogger", String.class).invoke(system, name));
        } catch (ReflectiveOperationException | LinkageError | ClassCastException e) {
            return java.util.Optional.empty();
        }
    }
}

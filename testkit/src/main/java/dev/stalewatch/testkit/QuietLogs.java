package dev.stalewatch.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps the INFO chatter of the shared fixtures (hundreds of lines per broker start, every line PostgreSQL
 * prints) out of test output, where the logging backend honours java.util.logging levels (JBoss LogManager
 * under Quarkus, the JDK default). {@code -Dstalewatch.test.verbose=true} shows everything.
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
            Logger logger = Logger.getLogger(name);
            logger.setLevel(Level.WARNING);
            QUIETED.add(logger);
        }
    }
}

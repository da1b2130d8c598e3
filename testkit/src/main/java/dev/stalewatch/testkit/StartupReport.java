package dev.stalewatch.testkit;

/**
 * Prints how long a shared test fixture took to start. Printed rather than logged, so the number
 * shows in every test output whatever logging backend the module under test happens to have.
 */
public final class StartupReport {

    private StartupReport() {
    }

    public static void started(String what, long millis) {
        System.out.printf("[stalewatch-testkit] %s started in %d ms%n", what, millis);
    }
}

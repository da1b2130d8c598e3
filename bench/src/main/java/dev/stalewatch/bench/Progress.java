package dev.stalewatch.bench;

import java.util.Locale;

/** Short progress lines on stdout, with the seconds since the bench started. */
final class Progress {

    private static final long STARTED = System.nanoTime();

    private Progress() {
    }

    static void say(String format, Object... args) {
        double elapsed = (System.nanoTime() - STARTED) / 1e9;
        System.out.printf(Locale.ROOT, "[bench %6.1f s] %s%n", elapsed, String.format(Locale.ROOT, format, args));
        System.out.flush();
    }

    static double elapsedSeconds() {
        return (System.nanoTime() - STARTED) / 1e9;
    }
}

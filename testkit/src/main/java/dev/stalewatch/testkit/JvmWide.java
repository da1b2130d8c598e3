package dev.stalewatch.testkit;

import java.util.function.Supplier;

/**
 * A value created once per JVM, even when testkit's classes are loaded more than once: Quarkus loads a
 * {@code @QuarkusTest} and its test dependencies in class loaders of its own (one per test profile), so a
 * plain static singleton would start a second broker whose address the first application never sees. The
 * value lives in a system property; an interned string is the one lock object every class loader shares.
 */
public final class JvmWide {

    private JvmWide() {
    }

    /** The value under {@code key}; if no class loader made it yet, makes it now with {@code create}. */
    public static String getOrCreate(String key, Supplier<String> create) {
        synchronized (("stalewatch-testkit-lock:" + key).intern()) {
            String existing = System.getProperty(key);
            if (existing != null) {
                return existing;
            }
            String created = create.get();
            System.setProperty(key, created);
            return created;
        }
    }
}

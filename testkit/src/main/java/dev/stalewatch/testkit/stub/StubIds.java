package dev.stalewatch.testkit.stub;

import java.util.UUID;

/** Identifiers in the shapes the real APIs use, unique per answer. */
final class StubIds {

    private StubIds() {
    }

    static String withPrefix(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
    }

    static String uuid() {
        return UUID.randomUUID().toString();
    }
}

package dev.stalewatch.testkit.postgres;

import java.util.Locale;
import java.util.UUID;

/** Database names that are unique, legal unquoted, and still say which test made them. */
final class DatabaseNames {

    // PostgreSQL truncates identifiers beyond 63 bytes, which could make two unique names equal
    private static final int HINT_LENGTH = 40;

    private DatabaseNames() {
    }

    static String unique(String hint) {
        String cleaned = hint.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
        if (cleaned.length() > HINT_LENGTH) {
            cleaned = cleaned.substring(cleaned.length() - HINT_LENGTH);
        }
        String random = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        return "t_" + (cleaned.isEmpty() ? "" : cleaned + "_") + random;
    }
}

package dev.stalewatch.messaging.tx;

import java.util.regex.Pattern;

/** Schema names go into SQL text, so they are checked, never quoted from user input. */
public final class SqlNames {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private SqlNames() {
    }

    public static String qualified(String schema, String table) {
        if (!IDENTIFIER.matcher(schema).matches()) {
            throw new IllegalArgumentException("not a plain SQL schema name: " + schema);
        }
        return schema + "." + table;
    }
}

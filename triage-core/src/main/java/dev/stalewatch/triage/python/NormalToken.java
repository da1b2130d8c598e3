package dev.stalewatch.triage.python;

/**
 * One element of a normalized syntax tree in pre-order: node opening/closing, a leaf, a decoded
 * literal. Two trees are structurally equal when their token keys are equal in order.
 *
 * @param kind    what the token stands for; part of equality
 * @param key     the normalized value compared (node type, identifier text, decoded literal)
 * @param display how to show it in a difference sentence (original source text where useful)
 * @param line    1-based source line, for reporting only
 */
record NormalToken(Kind kind, String key, String display, int line) {

    enum Kind {
        OPEN,
        CLOSE,
        LEAF,
        KEYWORD,
        NUMBER,
        STRING,
        BYTES,
        FSTRING_TEXT,
        RAW_TEXT,
        SIGNIFICANT_COMMA
    }

    boolean sameAs(NormalToken other) {
        return kind == other.kind && key.equals(other.key);
    }
}

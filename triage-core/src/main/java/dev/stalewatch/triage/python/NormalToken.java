package dev.stalewatch.triage.python;

import dev.stalewatch.triage.ProofRule;

/**
 * One element of a normalized syntax tree in pre-order: node opening/closing, a leaf, a decoded
 * literal. Two trees are structurally equal when their token keys are equal in order.
 *
 * @param kind     what the token stands for; part of equality
 * @param key      the normalized value compared (node type, identifier text, decoded literal)
 * @param display  how to show it in a difference sentence (original source text where useful)
 * @param line     1-based source line, for reporting only
 * @param rule     the proof rule that lets this token differ (it belongs to a docstring or an
 *                 annotation), or null
 * @param variable for an identifier naming a renameable local variable, that variable's number
 *                 within its text (in order of first use); -1 otherwise
 */
record NormalToken(Kind kind, String key, String display, int line, ProofRule rule, int variable) {

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

    NormalToken(Kind kind, String key, String display, int line) {
        this(kind, key, display, line, null, -1);
    }

    NormalToken withRule(ProofRule owner) {
        return new NormalToken(kind, key, display, line, owner, variable);
    }

    boolean sameAs(NormalToken other) {
        return kind == other.kind && key.equals(other.key);
    }
}

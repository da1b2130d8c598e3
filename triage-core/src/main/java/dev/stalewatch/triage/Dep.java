package dev.stalewatch.triage;

import java.util.Objects;

/** A declared input of a stage besides its own source: a helper function, a prompt, a model name. */
public record Dep(String name, DepKind kind, String language, String text) {
    public Dep {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
    }

    public static Dep text(String name, String text) {
        return new Dep(name, DepKind.TEXT, null, text);
    }

    public static Dep code(String name, String language, String text) {
        return new Dep(name, DepKind.CODE, language, text);
    }
}

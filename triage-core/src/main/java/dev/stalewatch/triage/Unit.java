package dev.stalewatch.triage;

import java.util.Objects;

/** A named piece of source code, e.g. the stage function. */
public record Unit(String name, String text) {
    public Unit {
        Objects.requireNonNull(text, "text");
    }
}

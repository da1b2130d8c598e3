package dev.stalewatch.triage;

import java.util.List;
import java.util.Objects;

/** Everything that went into one version hash: the language, the stage source and its deps. */
public record CodeSnapshot(String language, Unit source, List<Dep> deps) {
    public CodeSnapshot {
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(source, "source");
        deps = deps == null ? List.of() : List.copyOf(deps);
    }
}

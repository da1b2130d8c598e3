package dev.stalewatch.triageservice.support;

import java.util.List;

import dev.stalewatch.events.Dep;
import dev.stalewatch.events.Source;
import dev.stalewatch.events.VersionHash;

/** One version of a stage's code as snapshot-service stores it. */
public record StageVersion(String hash, String hashAlgorithm, String language, Source source, List<Dep> deps) {

    /** Hashed with Stalewatch's own algorithm, as snapshot-service would have checked it. */
    public static StageVersion python(String functionName, String text, Dep... deps) {
        Source source = new Source(functionName, text);
        return new StageVersion(VersionHash.compute("python", source, List.of(deps)), VersionHash.ALGORITHM, "python",
                source, List.of(deps));
    }

    /** A worker's own hash scheme: the snapshot is the complete input only by the worker's promise. */
    public static StageVersion foreign(String hash, String algorithm, String functionName, String text, Dep... deps) {
        return new StageVersion(hash, algorithm, "python", new Source(functionName, text), List.of(deps));
    }

    public StageVersion withHash(String newHash, String algorithm) {
        return new StageVersion(newHash, algorithm, language, source, deps);
    }
}

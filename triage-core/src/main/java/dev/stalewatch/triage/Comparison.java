package dev.stalewatch.triage;

import java.util.Objects;
import java.util.Optional;

/** The answer of a structural comparator: proven (with what the proof needed) or the first difference. */
public final class Comparison {

    private final Proof proof;
    private final TreeDifference difference;

    private Comparison(Proof proof, TreeDifference difference) {
        this.proof = proof;
        this.difference = difference;
    }

    public static Comparison proven(Proof proof) {
        return new Comparison(Objects.requireNonNull(proof, "proof"), null);
    }

    public static Comparison differs(TreeDifference difference) {
        return new Comparison(null, Objects.requireNonNull(difference, "difference"));
    }

    public boolean proven() {
        return proof != null;
    }

    /** Present when proven. */
    public Optional<Proof> proof() {
        return Optional.ofNullable(proof);
    }

    /** Present when not proven. */
    public Optional<TreeDifference> firstDifference() {
        return Optional.ofNullable(difference);
    }

    @Override
    public String toString() {
        return proven() ? "proven: " + proof.reason() : "differs: " + difference;
    }
}

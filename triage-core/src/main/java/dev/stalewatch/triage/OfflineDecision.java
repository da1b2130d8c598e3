package dev.stalewatch.triage;

import java.util.Optional;

/**
 * The offline verdict. A NOT_PROVEN decision always names the first difference; a STRUCTURAL one
 * carries its proof (which rules it needed).
 */
public record OfflineDecision(Outcome outcome, Optional<Difference> firstDifference, Optional<Proof> proof) {

    public static OfflineDecision identical() {
        return new OfflineDecision(Outcome.IDENTICAL, Optional.empty(), Optional.empty());
    }

    public static OfflineDecision structural(Proof proof) {
        return new OfflineDecision(Outcome.STRUCTURAL, Optional.empty(), Optional.of(proof));
    }

    public static OfflineDecision notProven(Difference difference) {
        return new OfflineDecision(Outcome.NOT_PROVEN, Optional.of(difference), Optional.empty());
    }

    public boolean proven() {
        return outcome != Outcome.NOT_PROVEN;
    }

    /** Why the change is cosmetic, in one sentence; empty when not proven. */
    public Optional<String> reason() {
        return switch (outcome) {
            case IDENTICAL -> Optional.of("source and dependencies are byte for byte the same");
            case STRUCTURAL -> proof.map(Proof::reason);
            case NOT_PROVEN -> Optional.empty();
        };
    }
}

package dev.stalewatch.triage;

import java.util.Optional;

/** The offline verdict; a NOT_PROVEN decision always names the first difference. */
public record OfflineDecision(Outcome outcome, Optional<Difference> firstDifference) {

    public static OfflineDecision identical() {
        return new OfflineDecision(Outcome.IDENTICAL, Optional.empty());
    }

    public static OfflineDecision structural() {
        return new OfflineDecision(Outcome.STRUCTURAL, Optional.empty());
    }

    public static OfflineDecision notProven(Difference difference) {
        return new OfflineDecision(Outcome.NOT_PROVEN, Optional.of(difference));
    }

    public boolean proven() {
        return outcome != Outcome.NOT_PROVEN;
    }
}

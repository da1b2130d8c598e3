package dev.stalewatch.snapshot.decision;

/** The decision does not fit the stage as it is now (answered 409): e.g. current moved. */
public class DecisionConflict extends RuntimeException {
    public DecisionConflict(String message) {
        super(message);
    }
}

package dev.stalewatch.triage;

/** What the offline triage could establish without asking anyone. */
public enum Outcome {
    /** Source and every dep are byte-equal. */
    IDENTICAL,
    /** The syntax trees are equal once comments and layout, and what the proof rules allow, are set aside. */
    STRUCTURAL,
    /** Nothing proven: the change may or may not be cosmetic. */
    NOT_PROVEN
}

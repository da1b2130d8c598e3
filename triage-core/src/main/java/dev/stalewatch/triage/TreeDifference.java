package dev.stalewatch.triage;

/** The first difference between two texts of one language; lines are 1-based, 0 when unknown. */
public record TreeDifference(int oldLine, int newLine, String description) {}

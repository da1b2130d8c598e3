package dev.stalewatch.triage;

/** CODE deps are compared structurally, TEXT deps byte for byte. */
public enum DepKind {
    CODE,
    TEXT
}

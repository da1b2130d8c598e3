package dev.stalewatch.events;

/** The stage handler's own code: its name (e.g. the function name) and its full text. */
public record Source(String name, String text) {}

package dev.stalewatch.snapshot.domain;

import java.time.Instant;

/**
 * What the stage knows about one version hash: results stored under it (from the newest
 * histogram), whether its source is on file, and when it was first reported with source.
 */
public record HashFacts(String hash, long results, boolean hasSnapshot, Instant firstObservedAt) {
}

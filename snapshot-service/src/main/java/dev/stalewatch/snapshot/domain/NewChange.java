package dev.stalewatch.snapshot.domain;

/**
 * A change reconciliation wants created. {@code vetoed} changes start PENDING with method MANUAL
 * and are not triaged; the others start TRIAGING.
 */
public record NewChange(String oldHash, String newHash, long staleItems, boolean deploy, boolean vetoed) {
}

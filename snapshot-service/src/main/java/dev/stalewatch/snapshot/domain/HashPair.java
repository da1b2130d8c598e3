package dev.stalewatch.snapshot.domain;

/** An ordered pair of hashes of one stage: an equivalence edge or a vetoed change. */
public record HashPair(String oldHash, String newHash) {
}

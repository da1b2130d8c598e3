package dev.stalewatch.messaging.failure;

/** What the consumer loop does with a failure; see DESIGN.md §5. */
public enum FailureKind {
    /** The record itself is bad (cannot be decoded or validated): dead-letter it, commit, go on. */
    POISON,
    /** A deadlock or serialization failure: run the same transaction again; never dead-lettered. */
    CONFLICT,
    /** Database or broker down, a timeout, anything unknown: no commit, pause with backoff, retry. */
    INFRASTRUCTURE
}

package dev.stalewatch.messaging.failure;

/** What the consumer loop does with a failure (docs/architecture.md, "When a record or the infrastructure fails"). */
public enum FailureKind {
    /** The record itself is bad (cannot be decoded or validated, or its handler says so): dead-letter it, go on. */
    POISON,
    /**
     * The database or a conversion refused something of this record (bad text, a value out of range, a
     * constraint): the batch is applied again one record at a time, and a record that fails alone this way
     * is dead-lettered.
     */
    DATA,
    /** A deadlock or serialization failure: run the same transaction again; never dead-lettered. */
    CONFLICT,
    /** Clearly the database or broker (connection, timeout, shutdown, resources): no commit, pause, retry. */
    INFRASTRUCTURE,
    /**
     * Not clearly either: the batch is applied again one record at a time, and a record that fails alone
     * this way is handled as an infrastructure failure, so nothing is dropped for an unknown reason.
     */
    UNKNOWN
}

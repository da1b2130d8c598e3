package dev.stalewatch.messaging.outbox;

/**
 * An event that the producer could never send. Thrown inside the transaction that would have written
 * it, so the state change it announces does not commit either: a consumer dead-letters the record that
 * caused it, a REST call answers with the reason.
 */
public class OutboxRowTooLargeException extends IllegalArgumentException {

    public OutboxRowTooLargeException(String message) {
        super(message);
    }
}

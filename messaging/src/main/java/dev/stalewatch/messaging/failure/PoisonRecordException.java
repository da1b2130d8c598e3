package dev.stalewatch.messaging.failure;

/**
 * Thrown by a handler when a record is valid JSON but cannot be accepted, e.g. a version hash
 * that does not match its source. The consumer loop dead-letters the record with this message
 * as the reason.
 */
public class PoisonRecordException extends RuntimeException {

    public PoisonRecordException(String message) {
        super(message);
    }

    public PoisonRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}

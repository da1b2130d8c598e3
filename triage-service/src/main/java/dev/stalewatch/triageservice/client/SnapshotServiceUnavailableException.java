package dev.stalewatch.triageservice.client;

/**
 * snapshot-service answered 5xx, timed out or could not be reached: an infrastructure failure. The
 * consumer loop does not commit, pauses with backoff and tries the change again.
 */
public class SnapshotServiceUnavailableException extends RuntimeException {
    public SnapshotServiceUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

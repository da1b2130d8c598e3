package dev.stalewatch.messaging.consume;

/** Internal signal: stop this poll, rewind, pause with backoff. */
final class InfrastructureFailure extends Exception {
    InfrastructureFailure(Throwable cause) {
        super(cause.toString(), cause);
    }
}

package dev.stalewatch.notifier.rest;

/** A query parameter the API cannot use; answered 400 as problem+json. */
public class BadQueryException extends RuntimeException {

    public BadQueryException(String detail) {
        super(detail);
    }
}

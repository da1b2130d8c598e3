package dev.stalewatch.snapshot.rest;

/** Something the request names does not exist; answered 404. */
public class NotFoundProblem extends RuntimeException {
    public NotFoundProblem(String message) {
        super(message);
    }
}

package dev.stalewatch.snapshot.rest;

/**
 * One field of the request (a query parameter or a member of the JSON body) the API cannot use;
 * answered 400 with a problem body whose {@code field} member names it.
 */
public class FieldProblem extends IllegalArgumentException {

    private final String field;

    public FieldProblem(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}

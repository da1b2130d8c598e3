package dev.stalewatch.triage.python;

/** Raised while normalizing when a text cannot take part in a proof (parse error, undecodable literal). */
final class UnprovableException extends Exception {

    private final int line;

    UnprovableException(int line, String reason) {
        super(reason, null, false, false);
        this.line = line;
    }

    int line() {
        return line;
    }
}

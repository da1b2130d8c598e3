package dev.stalewatch.messaging.failure;

import java.sql.SQLException;
import java.util.Set;

import dev.stalewatch.events.EventValidationException;

/**
 * Sorts a failure into {@link FailureKind}. Anything not recognised as the record's fault is
 * treated as infrastructure: the loop would rather wait than drop a record it could not handle.
 */
public class ErrorClassifier {

    /** SQLSTATEs that mean "run the transaction again": deadlock detected, serialization failure. */
    private static final Set<String> CONFLICT_STATES = Set.of("40P01", "40001");

    public FailureKind classify(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PoisonRecordException || t instanceof EventValidationException) {
                return FailureKind.POISON;
            }
            if (t instanceof SQLException sql && isConflict(sql)) {
                return FailureKind.CONFLICT;
            }
        }
        return FailureKind.INFRASTRUCTURE;
    }

    private static boolean isConflict(SQLException sql) {
        for (SQLException e = sql; e != null; e = e.getNextException()) {
            if (e.getSQLState() != null && CONFLICT_STATES.contains(e.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}

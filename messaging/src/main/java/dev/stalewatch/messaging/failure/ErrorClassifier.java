package dev.stalewatch.messaging.failure;

import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.http.HttpTimeoutException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.time.DateTimeException;
import java.util.Set;

import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.RetriableException;

import dev.stalewatch.events.EventValidationException;

/**
 * Sorts a failure into {@link FailureKind} by everything in its cause chain (and the chained
 * {@link SQLException#getNextException() next exceptions}). A sign of the infrastructure anywhere wins:
 * a record is never dead-lettered because of an outage that a wrapper happened to describe as bad data.
 */
public class ErrorClassifier {

    /** SQLSTATEs that mean "run the transaction again": deadlock detected, serialization failure. */
    private static final Set<String> CONFLICT_STATES = Set.of("40P01", "40001");

    /**
     * SQLSTATE classes of the server or the way to it: 08 connection exception, 53 insufficient resources
     * (disk full, out of memory, too many connections), 57 operator intervention (shutdown, cannot connect
     * now, statement timeout), 58 system error (I/O), XX internal error.
     */
    private static final Set<String> INFRASTRUCTURE_CLASSES = Set.of("08", "53", "57", "58", "XX");

    /**
     * SQLSTATE classes that blame the data of the statement: 22 data exception (bad encoding, U+0000, value
     * out of range, string too long), 23 integrity constraint violation (the expected conflicts are written
     * as {@code ON CONFLICT} and never raise one), 54 program limit exceeded (an index row too large).
     */
    private static final Set<String> DATA_CLASSES = Set.of("22", "23", "54");

    public FailureKind classify(Throwable failure) {
        boolean poison = false;
        boolean conflict = false;
        boolean data = false;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (isInfrastructure(t)) {
                return FailureKind.INFRASTRUCTURE;
            }
            poison |= t instanceof PoisonRecordException || t instanceof EventValidationException;
            data |= isConversion(t);
            if (t instanceof SQLException sql) {
                for (SQLException e = sql; e != null; e = e.getNextException()) {
                    String sqlClass = sqlClass(e);
                    if (INFRASTRUCTURE_CLASSES.contains(sqlClass)) {
                        return FailureKind.INFRASTRUCTURE;
                    }
                    conflict |= e.getSQLState() != null && CONFLICT_STATES.contains(e.getSQLState());
                    data |= DATA_CLASSES.contains(sqlClass);
                }
            }
        }
        if (poison) {
            return FailureKind.POISON;
        }
        if (conflict) {
            return FailureKind.CONFLICT;
        }
        return data ? FailureKind.DATA : FailureKind.UNKNOWN;
    }

    private static boolean isInfrastructure(Throwable t) {
        return t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                || t instanceof SQLTimeoutException
                || t instanceof ConnectException || t instanceof NoRouteToHostException
                || t instanceof SocketException || t instanceof InterruptedIOException
                || t instanceof HttpTimeoutException
                || t instanceof RetriableException || t instanceof InterruptException
                || t instanceof AuthenticationException || t instanceof AuthorizationException;
    }

    /** A field of the record that could not be converted: a number, a time, an enum name, an encoding. */
    private static boolean isConversion(Throwable t) {
        return t instanceof IllegalArgumentException || t instanceof DateTimeException
                || t instanceof ArithmeticException;
    }

    private static String sqlClass(SQLException e) {
        String state = e.getSQLState();
        return state == null || state.length() < 2 ? "" : state.substring(0, 2);
    }
}

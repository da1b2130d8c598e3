package dev.stalewatch.messaging.failure;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.io.IOException;

import org.junit.jupiter.api.Test;

class ErrorClassifierTest {

    private final ErrorClassifier classifier = new ErrorClassifier();

    @Test
    void poisonRecordWrappedInAnotherExceptionIsPoison() {
        var wrapped = new RuntimeException("handler failed", new PoisonRecordException("hash mismatch"));
        assertEquals(FailureKind.POISON, classifier.classify(wrapped));
    }

    @Test
    void deadlockIsAConflictToRetry() {
        assertEquals(FailureKind.CONFLICT, classifier.classify(new SQLException("deadlock detected", "40P01")));
    }

    @Test
    void serializationFailureChainedBehindAnotherSqlExceptionIsAConflict() {
        SQLException batch = new SQLException("batch entry failed", "22000");
        batch.setNextException(new SQLException("could not serialize access", "40001"));
        assertEquals(FailureKind.CONFLICT, classifier.classify(new IllegalStateException(batch)));
    }

    @Test
    void connectionFailureIsInfrastructure() {
        assertEquals(FailureKind.INFRASTRUCTURE,
                classifier.classify(new SQLException("Connection refused", "08001")));
    }

    @Test
    void unknownExceptionIsInfrastructureSoNothingIsDropped() {
        assertEquals(FailureKind.INFRASTRUCTURE,
                classifier.classify(new UncheckedIOException(new IOException("disk full"))));
        assertEquals(FailureKind.INFRASTRUCTURE, classifier.classify(new NullPointerException()));
    }
}

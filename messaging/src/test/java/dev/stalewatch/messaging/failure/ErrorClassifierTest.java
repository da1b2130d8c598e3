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
    void unknownExceptionIsNeitherTheRecordsNorClearlyTheInfrastructures() {
        assertEquals(FailureKind.UNKNOWN, classifier.classify(new UncheckedIOException(new IOException("disk full"))));
        assertEquals(FailureKind.UNKNOWN, classifier.classify(new NullPointerException()));
        assertEquals(FailureKind.UNKNOWN, classifier.classify(new SQLException("Sorry, acquisition timeout!")));
    }

    @Test
    void dataExceptionsOfTheDatabaseAreTheRecordsFault() {
        assertEquals(FailureKind.DATA, classifier.classify(
                new RuntimeException(new SQLException("invalid byte sequence for encoding \"UTF8\": 0x00", "22021"))));
        assertEquals(FailureKind.DATA, classifier.classify(new SQLException("value too long", "22001")));
        assertEquals(FailureKind.DATA, classifier.classify(new SQLException("violates check constraint", "23514")));
        assertEquals(FailureKind.DATA, classifier.classify(new SQLException("index row size exceeds maximum", "54000")));
    }

    @Test
    void conversionExceptionsFromARecordsFieldsAreTheRecordsFault() {
        assertEquals(FailureKind.DATA, classifier.classify(new java.time.DateTimeException("year out of range")));
        assertEquals(FailureKind.DATA, classifier.classify(new IllegalArgumentException("no enum constant")));
        assertEquals(FailureKind.DATA, classifier.classify(new ArithmeticException("long overflow")));
    }

    @Test
    void aSignOfTheInfrastructureAnywhereInTheChainWinsOverData() {
        var wrapped = new IllegalArgumentException("could not convert", new SQLException("terminating connection", "57P01"));
        assertEquals(FailureKind.INFRASTRUCTURE, classifier.classify(wrapped));
        SQLException chained = new SQLException("batch entry failed", "22021");
        chained.setNextException(new SQLException("An I/O error occurred", "08006"));
        assertEquals(FailureKind.INFRASTRUCTURE, classifier.classify(chained));
        assertEquals(FailureKind.INFRASTRUCTURE, classifier.classify(
                new RuntimeException(new java.net.ConnectException("Connection refused"))));
        assertEquals(FailureKind.INFRASTRUCTURE, classifier.classify(
                new org.apache.kafka.common.errors.TimeoutException("Topic not present in metadata")));
        assertEquals(FailureKind.INFRASTRUCTURE, classifier.classify(new SQLException("disk full", "53100")));
    }
}

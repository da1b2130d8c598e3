package dev.stalewatch.messaging.tx;

/**
 * Runs work in one database transaction and commits it, or rolls it back and rethrows.
 * A Quarkus service implements this with its JTA transaction (the datasource connection is
 * enlisted, so Hibernate writes and the outbox/dedup rows commit together); plain Java uses
 * {@link JdbcTransactionRunner}.
 */
@FunctionalInterface
public interface TransactionRunner {
    <T> T inTransaction(TransactionalWork<T> work) throws Exception;
}

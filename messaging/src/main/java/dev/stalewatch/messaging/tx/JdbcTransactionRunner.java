package dev.stalewatch.messaging.tx;

import java.sql.Connection;

import javax.sql.DataSource;

/** A {@link TransactionRunner} on a plain JDBC {@link DataSource}. */
public final class JdbcTransactionRunner implements TransactionRunner {

    private final DataSource dataSource;

    public JdbcTransactionRunner(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public <T> T inTransaction(TransactionalWork<T> work) throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (Exception | Error e) {
                rollbackQuietly(connection, e);
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        }
    }

    private static void rollbackQuietly(Connection connection, Throwable cause) {
        try {
            connection.rollback();
        } catch (Exception rollbackFailure) {
            cause.addSuppressed(rollbackFailure);
        }
    }
}

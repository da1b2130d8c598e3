package dev.stalewatch.messaging.tx;

import java.sql.Connection;

/** Work done inside one database transaction, on the connection that transaction uses. */
@FunctionalInterface
public interface TransactionalWork<T> {
    T run(Connection connection) throws Exception;
}

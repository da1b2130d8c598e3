package dev.stalewatch.messaging.consume;

import java.sql.Connection;
import java.util.List;

/**
 * Applies decoded events inside the loop's transaction. The list holds only events not
 * processed before, in partition order. Throw to roll the whole batch back; the loop then
 * classifies the failure and, for a poison record, retries the records one at a time so
 * only the bad one is dead-lettered.
 */
@FunctionalInterface
public interface BatchHandler<E> {
    void handle(Connection tx, List<Delivery<E>> batch) throws Exception;
}

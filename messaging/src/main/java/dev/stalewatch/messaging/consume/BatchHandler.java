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

    /**
     * Slow work for a batch, run before the loop opens its transaction, so no transaction (and no
     * pooled connection) is held while it runs: e.g. asking remote services. It sees every decoded
     * event of the batch, including ones processed before, and runs again whenever the batch is
     * retried, so it must be idempotent and keep what it produced itself (in transactions of its
     * own); {@link #handle} then makes it visible. Its failures are classified like those of
     * {@link #handle}.
     */
    default void prepare(List<Delivery<E>> batch) throws Exception {
    }

    /**
     * Checks one decoded event beyond its schema (e.g. a hash over its content), on the threads that
     * decode the poll, before any transaction: a {@link dev.stalewatch.messaging.failure.PoisonRecordException}
     * dead-letters just that record, as a decoding error does. Must be thread-safe.
     */
    default void check(E event) throws Exception {
    }

    /**
     * For a handler whose events touch only rows of their own key (e.g. their stage; outbox and dedup
     * rows are inserts): the event's key. The loop may then split a poll into several transactions
     * applied side by side, each holding whole keys in partition order; {@link #handle} must then be
     * thread-safe. Null, the default: one transaction for the poll.
     */
    default Object independenceKey(E event) {
        return null;
    }
}

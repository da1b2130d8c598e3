package dev.stalewatch.messaging.consume;

import java.sql.Connection;
import java.util.Collection;
import java.util.Set;

/**
 * Remembers which event ids a consumer has processed. Called inside the consumer's transaction,
 * so "processed" and the effects of processing commit or roll back together.
 */
@FunctionalInterface
public interface ProcessedEventStore {

    /**
     * Records the ids as processed by {@code consumer} and answers those not seen before;
     * the others are redeliveries to skip.
     */
    Set<String> markProcessed(Connection tx, String consumer, Collection<String> eventIds) throws Exception;
}

package dev.stalewatch.messaging.runtime;

import java.time.Duration;
import java.util.Objects;

/**
 * What a service tells the messaging runtime about itself.
 *
 * @param serviceName names dead-letter topics ({@code <topic>.<serviceName>.dlq}), clients and lock keys
 * @param schema the service's database schema holding its outbox and processed_event tables
 * @param outboxIdleWait how long the relay sleeps when not woken; bounds the delay for rows another
 *                       replica committed
 */
public record MessagingSettings(String bootstrapServers, String serviceName, String groupId, String schema,
        Duration pollTimeout, Duration initialBackoff, Duration maxBackoff, int outboxBatchSize,
        Duration outboxIdleWait, Duration outboxRetention) {

    public MessagingSettings {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(serviceName, "serviceName");
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(schema, "schema");
    }

    public static MessagingSettings defaults(String bootstrapServers, String serviceName, String schema) {
        return new MessagingSettings(bootstrapServers, serviceName, serviceName, schema, Duration.ofMillis(500),
                Duration.ofMillis(200), Duration.ofSeconds(30), 500, Duration.ofSeconds(1), Duration.ofDays(7));
    }
}

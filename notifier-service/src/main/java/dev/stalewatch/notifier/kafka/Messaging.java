package dev.stalewatch.notifier.kafka;

import java.util.Map;

import javax.sql.DataSource;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.smallrye.common.annotation.Identifier;

import dev.stalewatch.events.EventCodec;
import dev.stalewatch.messaging.kafka.KafkaClientConfig;
import dev.stalewatch.messaging.runtime.MessagingRuntime;
import dev.stalewatch.messaging.runtime.MessagingSettings;
import dev.stalewatch.messaging.tx.TransactionRunner;
import dev.stalewatch.notifier.config.NotifierConfig;

/** This service's {@link MessagingRuntime}: the consumer loop, its dedup and dead letters, and transactions. */
@ApplicationScoped
public class Messaging {

    public static final String SCHEMA = "notifier";

    private final MessagingRuntime runtime;

    @Inject
    public Messaging(NotifierConfig config, DataSource dataSource,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        NotifierConfig.Consumers consumers = config.consumers();
        MessagingSettings defaults = MessagingSettings.defaults(bootstrapServers, config.serviceName(), SCHEMA);
        MessagingSettings settings = new MessagingSettings(bootstrapServers, config.serviceName(),
                consumers.groupId(), SCHEMA, consumers.pollTimeout(), consumers.initialBackoff(),
                consumers.maxBackoff(), defaults.outboxBatchSize(), defaults.outboxIdleWait(),
                defaults.outboxRetention());
        this.runtime = new MessagingRuntime(settings, dataSource, new EventCodec(),
                KafkaClientConfig.consumerOverrides(kafkaConfig));
    }

    public MessagingRuntime runtime() {
        return runtime;
    }

    @Produces
    TransactionRunner transactions() {
        return runtime.transactions();
    }

    @PreDestroy
    void close() {
        runtime.close();
    }
}

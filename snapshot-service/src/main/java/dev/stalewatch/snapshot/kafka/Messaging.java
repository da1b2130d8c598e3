package dev.stalewatch.snapshot.kafka;

import java.util.Map;

import javax.sql.DataSource;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.smallrye.common.annotation.Identifier;

import dev.stalewatch.events.EventCodec;
import dev.stalewatch.events.EventValidator;
import dev.stalewatch.messaging.outbox.Outbox;
import dev.stalewatch.messaging.kafka.KafkaClientConfig;
import dev.stalewatch.messaging.runtime.MessagingRuntime;
import dev.stalewatch.messaging.runtime.MessagingSettings;
import dev.stalewatch.messaging.tx.TransactionRunner;
import dev.stalewatch.snapshot.config.SnapshotConfig;

/** This service's {@link MessagingRuntime}, and the pieces of it other beans use. */
@ApplicationScoped
public class Messaging {

    public static final String SCHEMA = "snapshot";

    private final MessagingRuntime runtime;

    @Inject
    public Messaging(SnapshotConfig config, DataSource dataSource,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        SnapshotConfig.Consumers consumers = config.consumers();
        SnapshotConfig.Outbox outbox = config.outbox();
        MessagingSettings settings = new MessagingSettings(bootstrapServers, config.serviceName(),
                consumers.groupId(), SCHEMA, consumers.pollTimeout(), consumers.initialBackoff(),
                consumers.maxBackoff(), outbox.batchSize(), outbox.idleWait(), outbox.retention());
        this.runtime = new MessagingRuntime(settings, dataSource,
                new EventCodec(new EventValidator(config.maxSourceBytes())), KafkaClientConfig.consumerOverrides(kafkaConfig));
    }

    public MessagingRuntime runtime() {
        return runtime;
    }

    @Produces
    EventCodec codec() {
        return runtime.codec();
    }

    @Produces
    Outbox outbox() {
        return runtime.outbox();
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

package dev.stalewatch.triageservice.kafka;

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
import dev.stalewatch.messaging.kafka.KafkaClientConfig;
import dev.stalewatch.messaging.outbox.Outbox;
import dev.stalewatch.messaging.runtime.MessagingRuntime;
import dev.stalewatch.messaging.runtime.MessagingSettings;
import dev.stalewatch.triageservice.config.TriageConfig;

/** triage-service's {@link MessagingRuntime}: the VersionChanged consumer loop, the outbox and its relay. */
@ApplicationScoped
public class Messaging {

    public static final String SCHEMA = "triage";

    private final MessagingRuntime runtime;

    @Inject
    public Messaging(TriageConfig config, DataSource dataSource,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        TriageConfig.Consumers consumers = config.consumers();
        TriageConfig.Outbox outbox = config.outbox();
        MessagingSettings settings = new MessagingSettings(bootstrapServers, config.serviceName(),
                consumers.groupId(), SCHEMA, consumers.pollTimeout(), consumers.initialBackoff(),
                consumers.maxBackoff(), outbox.batchSize(), outbox.idleWait(), outbox.retention());
        this.runtime = new MessagingRuntime(settings, dataSource, new EventCodec(new EventValidator(config.maxSourceBytes())),
                KafkaClientConfig.consumerOverrides(kafkaConfig));
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

    @PreDestroy
    void close() {
        runtime.close();
    }
}

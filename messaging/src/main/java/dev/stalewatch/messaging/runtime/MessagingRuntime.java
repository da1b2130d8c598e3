package dev.stalewatch.messaging.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import javax.sql.DataSource;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;

import dev.stalewatch.events.EventCodec;
import dev.stalewatch.events.StalewatchEvent;
import dev.stalewatch.messaging.consume.BatchHandler;
import dev.stalewatch.messaging.consume.ConsumerHealth;
import dev.stalewatch.messaging.consume.ConsumerLoop;
import dev.stalewatch.messaging.consume.EventRecordDecoder;
import dev.stalewatch.messaging.consume.JdbcProcessedEventStore;
import dev.stalewatch.messaging.deadletter.DeadLetterWriter;
import dev.stalewatch.messaging.kafka.ConsumerSettings;
import dev.stalewatch.messaging.kafka.KafkaClientConfig;
import dev.stalewatch.messaging.kafka.ProducerSettings;
import dev.stalewatch.messaging.outbox.Outbox;
import dev.stalewatch.messaging.outbox.OutboxRelay;
import dev.stalewatch.messaging.tx.AdvisoryLockKeys;
import dev.stalewatch.messaging.tx.JdbcTransactionRunner;
import dev.stalewatch.messaging.tx.TransactionRunner;

/**
 * Everything one service needs to consume and publish correctly, wired the same way in every
 * service: consumer loops that dead-letter, dedupe and commit after the transaction; one outbox with
 * its relay (single active replica by advisory lock); the producers. A service registers its
 * handlers, calls {@link #start()}, and reports {@link #health()} in its readiness check.
 */
public final class MessagingRuntime implements AutoCloseable {

    private final MessagingSettings settings;
    private final DataSource dataSource;
    private final EventCodec codec;
    private final TransactionRunner transactions;
    private final Outbox outbox;
    private final Producer<String, byte[]> eventProducer;
    private final Producer<String, byte[]> deadLetterProducer;
    private final OutboxRelay relay;
    private final Map<String, Object> consumerOverrides;
    private final List<ConsumerLoop<?>> loops = new ArrayList<>();
    private final String instanceId = UUID.randomUUID().toString().substring(0, 8);
    private boolean started;

    public MessagingRuntime(MessagingSettings settings, DataSource dataSource, EventCodec codec) {
        this(settings, dataSource, codec, Map.of());
    }

    /**
     * @param consumerOverrides kafka-clients consumer properties laid over the defaults, e.g. a short
     *                          {@code session.timeout.ms} so a killed replica's partitions move on quickly
     */
    public MessagingRuntime(MessagingSettings settings, DataSource dataSource, EventCodec codec,
            Map<String, Object> consumerOverrides) {
        this.settings = settings;
        this.consumerOverrides = Map.copyOf(consumerOverrides);
        this.dataSource = dataSource;
        this.codec = codec;
        this.transactions = new JdbcTransactionRunner(dataSource);
        this.outbox = new Outbox(settings.schema());
        this.eventProducer = new KafkaProducer<>(withSecurity(
                ProducerSettings.forEvents(settings.bootstrapServers(), clientId("events"))));
        this.deadLetterProducer = new KafkaProducer<>(withSecurity(
                ProducerSettings.forDeadLetters(settings.bootstrapServers(), clientId("dlq"))));
        this.relay = new OutboxRelay(settings.serviceName(), dataSource, settings.schema(),
                AdvisoryLockKeys.of(settings.serviceName(), "outbox-relay"), eventProducer,
                settings.outboxBatchSize(), settings.outboxIdleWait(), settings.outboxRetention())
                .retryBackoff(settings.initialBackoff(), settings.maxBackoff());
    }

    /** Registers a consumer loop for one topic; it starts with {@link #start()}. */
    public synchronized <E extends StalewatchEvent> void consume(String topic, Class<E> type, BatchHandler<E> handler) {
        if (started) {
            throw new IllegalStateException("register consumers before start()");
        }
        Properties props = ConsumerSettings.forGroup(settings.bootstrapServers(), settings.groupId(),
                clientId(topic));
        props.putAll(consumerOverrides);
        loops.add(ConsumerLoop.<E>builder()
                .name(settings.serviceName() + ":" + topic)
                .topic(topic)
                .consumer(new KafkaConsumer<>(props))
                .decoder(new EventRecordDecoder<>(codec, type))
                .handler(handler)
                .transactions(transactions)
                .processedEvents(new JdbcProcessedEventStore(settings.schema()))
                .deadLetters(new DeadLetterWriter(deadLetterProducer, settings.serviceName()))
                .backoff(settings.initialBackoff(), settings.maxBackoff())
                .pollTimeout(settings.pollTimeout())
                .maxBatch(Integer.parseInt(String.valueOf(props.get(ConsumerConfig.MAX_POLL_RECORDS_CONFIG))))
                .afterCommit(relay::wake)
                .build());
    }

    public synchronized void start() {
        started = true;
        relay.start();
        loops.forEach(ConsumerLoop::start);
    }

    /** Transactions for work outside the consumer loops (REST decisions); wakes the relay after commit. */
    public TransactionRunner transactions() {
        return new TransactionRunner() {
            @Override
            public <T> T inTransaction(dev.stalewatch.messaging.tx.TransactionalWork<T> work) throws Exception {
                T result = transactions.inTransaction(work);
                relay.wake();
                return result;
            }
        };
    }

    public Outbox outbox() {
        return outbox;
    }

    public EventCodec codec() {
        return codec;
    }

    /** For events that are not the result of a database change (e.g. an observation received over HTTP). */
    public Producer<String, byte[]> eventProducer() {
        return eventProducer;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public OutboxRelay relay() {
        return relay;
    }

    public List<ConsumerLoop<?>> loops() {
        return List.copyOf(loops);
    }

    public MessagingReadiness readiness() {
        return MessagingReadiness.of(this);
    }

    public List<ConsumerHealth> health() {
        return loops.stream().map(ConsumerLoop::health).toList();
    }

    /** Producers take the connection settings (TLS, SASL) of the overrides, never the consumer tuning. */
    private java.util.Properties withSecurity(java.util.Properties producer) {
        producer.putAll(KafkaClientConfig.securityOverrides(consumerOverrides));
        return producer;
    }

    private String clientId(String purpose) {
        return settings.serviceName() + "-" + instanceId + "-" + purpose;
    }

    @Override
    public synchronized void close() {
        loops.forEach(ConsumerLoop::close);
        relay.close();
        eventProducer.close();
        deadLetterProducer.close();
    }
}

package dev.stalewatch.messaging.deadletter;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

import dev.stalewatch.events.DeadLetterHeaders;
import dev.stalewatch.events.Topics;

/**
 * Writes a rejected record, unchanged, to {@code <topic>.<consumer-service>.dlq} with the
 * {@code dead-letter-*} headers (SmallRye's names) saying why and where it came from. The send
 * is awaited: the loop commits the offset only once the dead letter is safely stored.
 */
public final class DeadLetterWriter {

    private static final long SEND_TIMEOUT_SECONDS = 30;

    private final Producer<String, byte[]> producer;
    private final String consumerService;

    public DeadLetterWriter(Producer<String, byte[]> producer, String consumerService) {
        this.producer = producer;
        this.consumerService = consumerService;
    }

    public void send(ConsumerRecord<String, byte[]> rejected, Throwable reason) throws Exception {
        String target = Topics.deadLetter(rejected.topic(), consumerService);
        Headers headers = new RecordHeaders();
        for (Header original : rejected.headers()) {
            headers.add(original);
        }
        Throwable cause = reason.getCause() != null ? reason.getCause() : reason;
        put(headers, DeadLetterHeaders.REASON, describe(reason));
        put(headers, DeadLetterHeaders.CAUSE, describe(cause));
        put(headers, DeadLetterHeaders.TOPIC, rejected.topic());
        put(headers, DeadLetterHeaders.PARTITION, Integer.toString(rejected.partition()));
        put(headers, DeadLetterHeaders.OFFSET, Long.toString(rejected.offset()));
        put(headers, DeadLetterHeaders.EXCEPTION_CLASS_NAME, reason.getClass().getName());
        producer.send(new ProducerRecord<>(target, null, rejected.key(), rejected.value(), headers))
                .get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    private static String describe(Throwable t) {
        return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
    }

    private static void put(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}

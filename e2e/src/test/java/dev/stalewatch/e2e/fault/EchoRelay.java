package dev.stalewatch.e2e.fault;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;

import dev.stalewatch.testkit.kafka.KafkaTestClients;

/**
 * Makes every consumer see every event three times: each record that appears on the watched topics is
 * written twice more to its partition, after the original (as a producer retry or a replayed partition
 * would). The copies carry {@link #COPY_HEADER}, so the relay does not copy its own copies and the checks can
 * tell originals from copies.
 */
final class EchoRelay implements AutoCloseable {

    static final String COPY_HEADER = "stalewatch-test-copy";
    private static final int EXTRA_COPIES = 2;

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final KafkaProducer<String, byte[]> producer;
    private final Thread thread;
    private final AtomicLong copied = new AtomicLong();
    private volatile boolean running = true;

    private EchoRelay(String bootstrapServers, List<String> topics) {
        Properties properties = KafkaTestClients.consumerProperties(bootstrapServers);
        properties.remove(ConsumerConfig.GROUP_ID_CONFIG);
        consumer = new KafkaConsumer<>(properties);
        producer = KafkaTestClients.producer(bootstrapServers);
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            consumer.partitionsFor(topic, Duration.ofSeconds(20))
                    .forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // from here on: what earlier tests left is not copied
        thread = new Thread(this::run, "echo-relay");
        thread.setDaemon(true);
    }

    static EchoRelay start(String bootstrapServers, List<String> topics) {
        EchoRelay relay = new EchoRelay(bootstrapServers, topics);
        relay.thread.start();
        return relay;
    }

    long copies() {
        return copied.get();
    }

    private void run() {
        while (running) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                if (record.headers().lastHeader(COPY_HEADER) != null) {
                    continue;
                }
                for (int copy = 1; copy <= EXTRA_COPIES; copy++) {
                    RecordHeaders headers = new RecordHeaders(record.headers().toArray());
                    headers.add(COPY_HEADER, Integer.toString(copy).getBytes(StandardCharsets.UTF_8));
                    String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
                    producer.send(new ProducerRecord<>(record.topic(), record.partition(), key, record.value(),
                            headers));
                    copied.incrementAndGet();
                }
            }
            producer.flush();
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        consumer.close();
        producer.close();
    }
}

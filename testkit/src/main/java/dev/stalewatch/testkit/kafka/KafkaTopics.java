package dev.stalewatch.testkit.kafka;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/** Creates topics the way production declares them: size limit by kind, replication 1 on the test broker. */
public final class KafkaTopics {

    private KafkaTopics() {
    }

    /** A topic name no other test in this JVM will use: {@code prefix-<random>}. A {@code .dlq} suffix is kept last. */
    public static String uniqueName(String prefix) {
        String random = UUID.randomUUID().toString().substring(0, 8);
        if (prefix.endsWith(BrokerLimits.DLQ_SUFFIX)) {
            String base = prefix.substring(0, prefix.length() - BrokerLimits.DLQ_SUFFIX.length());
            return base + "-" + random + BrokerLimits.DLQ_SUFFIX;
        }
        return prefix + "-" + random;
    }

    public static void create(String bootstrapServers, int partitions, String... names) {
        List<NewTopic> topics = Arrays.stream(names).map(name -> newTopic(name, partitions)).toList();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
            admin.createTopics(topics).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            // Several test classes (and Quarkus restarts) share the broker: an existing topic is fine.
            if (!(e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) {
                throw new IllegalStateException("could not create topics " + Arrays.toString(names), e);
            }
            if (topics.size() > 1) {
                topics.forEach(topic -> create(bootstrapServers, topic.numPartitions(), topic.name()));
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("could not create topics " + Arrays.toString(names), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static NewTopic newTopic(String name, int partitions) {
        return new NewTopic(name, partitions, (short) 1)
            .configs(Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(BrokerLimits.maxMessageBytesFor(name))));
    }
}

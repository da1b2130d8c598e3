package dev.stalewatch.testkit.quarkus;

import dev.stalewatch.testkit.kafka.TestKafka;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Arrays;
import java.util.Map;

/**
 * Points a {@code @QuarkusTest} at the shared real broker:
 * {@code @WithTestResource(value = KafkaTestResource.class, initArgs = @ResourceArg(name = "topics", value = "a,b:3"))}.
 * The optional {@code topics} argument creates topics first: comma-separated {@code name[:partitions]}, 1 partition
 * by default. The broker outlives the test class: other classes of this JVM reuse it. As with
 * {@link PostgresTestResource}, the application's own config must turn Dev Services off.
 */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String TOPICS_ARG = "topics";

    private String topics = "";

    @Override
    public void init(Map<String, String> initArgs) {
        topics = initArgs.getOrDefault(TOPICS_ARG, "");
    }

    @Override
    public Map<String, String> start() {
        String bootstrap = TestKafka.bootstrapServers();
        Arrays.stream(topics.split(","))
            .map(String::trim)
            .filter(spec -> !spec.isEmpty())
            .forEach(KafkaTestResource::createTopic);
        return Map.of(
            "kafka.bootstrap.servers", bootstrap,
            "stalewatch.kafka.bootstrap-servers", bootstrap,
            "quarkus.kafka.devservices.enabled", "false");
    }

    private static void createTopic(String spec) {
        int colon = spec.lastIndexOf(':');
        if (colon < 0) {
            TestKafka.createTopic(spec, 1);
        } else {
            TestKafka.createTopic(spec.substring(0, colon), Integer.parseInt(spec.substring(colon + 1)));
        }
    }

    @Override
    public void stop() {
        // the broker is shared by every test class of the JVM and stops at JVM exit
    }
}

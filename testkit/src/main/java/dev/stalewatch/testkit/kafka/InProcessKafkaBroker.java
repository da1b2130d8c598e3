package dev.stalewatch.testkit.kafka;

import dev.stalewatch.testkit.FreePorts;
import dev.stalewatch.testkit.QuietLogs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.utils.Time;

/**
 * A real single-node KRaft broker (broker and controller in one) running inside the test JVM:
 * the same server code as production Kafka, without Docker or a separate process.
 */
final class InProcessKafkaBroker implements KafkaBroker {

    private final KafkaRaftServer server;
    private final Path directory;
    private final String bootstrapServers;
    private final long startMillis;

    private InProcessKafkaBroker(KafkaRaftServer server, Path directory, String bootstrapServers, long startMillis) {
        this.server = server;
        this.directory = directory;
        this.bootstrapServers = bootstrapServers;
        this.startMillis = startMillis;
    }

    static InProcessKafkaBroker start() {
        long started = System.nanoTime();
        QuietLogs.quiet("kafka", "org.apache.kafka", "state.change.logger");
        Path directory = createTempDirectory();
        int brokerPort = FreePorts.next();
        int controllerPort = FreePorts.next();
        Properties properties = KraftNode.serverProperties(directory, brokerPort, controllerPort);
        KraftNode.format(directory, properties);
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(properties, false), Time.SYSTEM);
        server.startup();
        String bootstrap = "127.0.0.1:" + brokerPort;
        KraftNode.awaitClusterAnswers(bootstrap);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        return new InProcessKafkaBroker(server, directory, bootstrap, millis);
    }

    private static Path createTempDirectory() {
        try {
            return Files.createTempDirectory("stalewatch-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void stop() {
        server.shutdown();
        server.awaitShutdown();
        deleteQuietly(directory);
    }

    private static void deleteQuietly(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a temp dir left behind is harmless; failing JVM shutdown over it is not
        }
    }

    @Override
    public String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public String description() {
        return "in-process Kafka broker (KRaft, " + org.apache.kafka.common.utils.AppInfoParser.getVersion() + ") at " + bootstrapServers;
    }

    @Override
    public long startMillis() {
        return startMillis;
    }
}

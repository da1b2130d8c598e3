package dev.stalewatch.testkit.kafka;

import dev.stalewatch.testkit.FreePorts;
import dev.stalewatch.testkit.QuietLogs;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
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
        Properties properties = serverProperties(directory, brokerPort, controllerPort);
        format(directory, properties);
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(properties, false), Time.SYSTEM);
        server.startup();
        String bootstrap = "127.0.0.1:" + brokerPort;
        awaitClusterAnswers(bootstrap);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        return new InProcessKafkaBroker(server, directory, bootstrap, millis);
    }

    private static Properties serverProperties(Path directory, int brokerPort, int controllerPort) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", directory.resolve("data").toString());
        // tests create their topics: a typo must fail, not create an empty topic
        p.put("auto.create.topics.enable", "false");
        p.put("num.partitions", "1");
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        p.put("offsets.topic.replication.factor", "1");
        // few internal partitions: creating 50 offsets partitions costs seconds on the first group
        p.put("offsets.topic.num.partitions", "3");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "3");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        // a new group would wait 3 s for more members, and every offset commit 5 ms for company
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("group.coordinator.append.linger.ms", "0");
        // lets tests use short session timeouts, so a killed consumer's partitions move on quickly
        p.put("group.min.session.timeout.ms", "1000");
        p.put("group.consumer.min.session.timeout.ms", "1000");
        p.put("group.consumer.min.heartbeat.interval.ms", "500");
        p.put("message.max.bytes", Integer.toString(BrokerLimits.BROKER_MESSAGE_MAX_BYTES));
        p.put("replica.fetch.max.bytes", Integer.toString(BrokerLimits.BROKER_MESSAGE_MAX_BYTES));
        p.put("num.network.threads", "2");
        p.put("num.io.threads", "4");
        p.put("log.flush.interval.messages", Long.toString(Long.MAX_VALUE));
        return p;
    }

    private static void format(Path directory, Properties properties) {
        Path configFile = directory.resolve("server.properties");
        try (OutputStream out = Files.newOutputStream(configFile)) {
            properties.store(out, "stalewatch testkit in-process broker");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int exit;
        try (PrintStream printer = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            exit = StorageTool.execute(new String[] {
                "format", "--cluster-id", Uuid.randomUuid().toString(), "--config", configFile.toString()
            }, printer);
        }
        if (exit != 0) {
            throw new IllegalStateException("kafka storage format failed (" + exit + "): " + output.toString(StandardCharsets.UTF_8));
        }
    }

    // startup() returns once the broker is unfenced; one metadata round trip proves a client can talk to it
    private static void awaitClusterAnswers(String bootstrap) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.describeCluster().nodes().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("in-process Kafka broker started but does not answer at " + bootstrap, e);
        }
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

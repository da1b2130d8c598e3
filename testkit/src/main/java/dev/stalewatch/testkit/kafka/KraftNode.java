package dev.stalewatch.testkit.kafka;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/** The one-node KRaft settings (broker and controller in one) every test broker runs with, in or out of process. */
final class KraftNode {

    private KraftNode() {
    }

    static Properties serverProperties(Path directory, int brokerPort, int controllerPort) {
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

    /** Where {@link #format} leaves the settings a broker process starts from. */
    static Path configFile(Path directory) {
        return directory.resolve("server.properties");
    }

    static void format(Path directory, Properties properties) {
        Path configFile = configFile(directory);
        try (OutputStream out = Files.newOutputStream(configFile)) {
            properties.store(out, "stalewatch testkit broker");
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
    static void awaitClusterAnswers(String bootstrap) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.describeCluster().nodes().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Kafka broker started but does not answer at " + bootstrap, e);
        }
    }
}

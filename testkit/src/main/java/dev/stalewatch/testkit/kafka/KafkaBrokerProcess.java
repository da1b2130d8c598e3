package dev.stalewatch.testkit.kafka;

import dev.stalewatch.testkit.FreePorts;
import dev.stalewatch.testkit.process.LogTail;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A real one-node KRaft broker in a child JVM of its own, on fixed ports and one log directory, so a test can
 * SIGKILL it the way a crash would and start it again with everything it had written: the broker of the
 * fault tests. Other tests share the in-process broker of {@link TestKafka}.
 */
public final class KafkaBrokerProcess implements KafkaBroker, AutoCloseable {

    private final Path directory;
    private final String bootstrapServers;
    private final Path logFile;
    private Process process;
    private long startMillis;

    private KafkaBrokerProcess(Path directory, String bootstrapServers) {
        this.directory = directory;
        this.bootstrapServers = bootstrapServers;
        this.logFile = directory.resolve("broker.log");
    }

    /** Formats a new log directory and starts the broker; returns once a client gets an answer. */
    public static KafkaBrokerProcess start() {
        Path directory;
        try {
            directory = Files.createTempDirectory("stalewatch-kafka-process-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int brokerPort = FreePorts.next();
        Properties properties = KraftNode.serverProperties(directory, brokerPort, FreePorts.next());
        KraftNode.format(directory, properties);
        KafkaBrokerProcess broker = new KafkaBrokerProcess(directory, "127.0.0.1:" + brokerPort);
        broker.launch();
        Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "stalewatch-kafka-process-stop"));
        return broker;
    }

    /** SIGKILL: no controlled shutdown, nothing flushed beyond what the broker had handed to the OS. */
    public void kill9() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            waitForExit();
        }
    }

    /** Starts the broker again on the same ports and log directory (after {@link #kill9()}). */
    public void restart() {
        kill9();
        launch();
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    public Path logFile() {
        return logFile;
    }

    private void launch() {
        long started = System.nanoTime();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(List.of(java, "-Xmx512m", "-cp", classPath(), "kafka.Kafka",
                KraftNode.configFile(directory).toString()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the Kafka broker process", e);
        }
        try {
            KraftNode.awaitClusterAnswers(bootstrapServers);
        } catch (IllegalStateException e) {
            kill9();
            throw new IllegalStateException(e.getMessage() + "\n" + LogTail.lastLines(logFile, 40), e);
        }
        startMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    }

    // The test JVM's own classpath holds kafka_2.13 at the version the build pins. Surefire's may be one
    // manifest-only jar; the child JVM follows its Class-Path just the same.
    private static String classPath() {
        try {
            Class.forName("kafka.Kafka", false, KafkaBrokerProcess.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("kafka_2.13 is not on this JVM's classpath: add the test dependency "
                    + "org.apache.kafka:kafka_2.13", e);
        }
        return System.getProperty("java.class.path");
    }

    private void waitForExit() {
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        kill9();
    }

    @Override
    public String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public String description() {
        return "Kafka broker process (KRaft) at " + bootstrapServers + ", pid " + (process == null ? "-" : process.pid());
    }

    @Override
    public long startMillis() {
        return startMillis;
    }
}

package dev.stalewatch.testkit.process;

import dev.stalewatch.testkit.FreePorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A packaged Quarkus service (fast-jar {@code target/quarkus-app/quarkus-run.jar}) run as a child JVM, the way
 * it runs in production: its own process, configured by environment and system properties, on a port of its
 * own. Starting waits for {@code /q/health/ready} to say UP and fails at once, with the log's tail, if the
 * process dies first. stdout and stderr of every launch go to one log file. Killed at JVM exit at the latest.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final int TAIL_LINES = 60;

    private final Builder settings;
    private final int port;
    private final Path logFile;
    private final Path workDirectory;
    private Process process;
    private int launches;

    private ServiceProcess(Builder settings) {
        this.settings = settings;
        this.port = settings.port > 0 ? settings.port : FreePorts.next();
        try {
            this.workDirectory = Files.createTempDirectory("stalewatch-" + settings.name + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.logFile = settings.logFile != null ? settings.logFile : workDirectory.resolve(settings.name + ".log");
    }

    /** A service from its fast-jar: {@code .../target/quarkus-app/quarkus-run.jar}. */
    public static Builder fromJar(Path quarkusRunJar) {
        return new Builder(quarkusRunJar);
    }

    /** A service from its Maven module directory, after {@code package}. */
    public static Builder fromModule(Path moduleDirectory) {
        return new Builder(moduleDirectory.resolve("target/quarkus-app/quarkus-run.jar"));
    }

    public int port() {
        return port;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Whether {@code /q/health/ready} says UP right now (false while it does not answer within 2 s). */
    public boolean isReady() {
        return isAlive() && new ReadinessProbe(baseUrl()).isUp();
    }

    public Path logFile() {
        return logFile;
    }

    /** Everything every launch printed so far. */
    public String log() {
        return LogTail.read(logFile);
    }

    public String logTail(int lines) {
        return LogTail.lastLines(logFile, lines);
    }

    /** SIGKILL: no shutdown hook, no graceful close, as a crash or an OOM kill would end it. */
    public void kill9() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(15));
    }

    /** SIGTERM and a graceful shutdown; SIGKILL if that takes longer than 30 s. */
    public void stop() {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        if (!waitFor(Duration.ofSeconds(30))) {
            kill9();
        }
    }

    /** Stops (gracefully) if still running, then starts again on the same port with the same settings. */
    public ServiceProcess restart() {
        stop();
        launch();
        return this;
    }

    @Override
    public void close() {
        stop();
    }

    private ServiceProcess launch() {
        if (!Files.isRegularFile(settings.jar)) {
            throw new IllegalStateException("no packaged service at " + settings.jar + ": run mvn package on its module first");
        }
        launches++;
        appendToLog("==== stalewatch-testkit: launch " + launches + " of " + settings.name + " at " + Instant.now()
            + " on port " + port + " ====\n");
        ProcessBuilder builder = new ProcessBuilder(command())
            .directory(workDirectory.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        builder.environment().putAll(settings.env);
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + settings.name, e);
        }
        LiveProcesses.add(process);
        awaitReady();
        return this;
    }

    private List<String> command() {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + settings.maxHeap);
        command.addAll(settings.jvmArgs);
        command.add("-Dquarkus.http.port=" + port);
        command.add("-Dquarkus.http.host=127.0.0.1");
        settings.systemProperties.forEach((name, value) -> command.add("-D" + name + "=" + value));
        command.add("-jar");
        command.add(settings.jar.toAbsolutePath().toString());
        return command;
    }

    private void awaitReady() {
        ReadinessProbe probe = new ReadinessProbe(baseUrl());
        long deadline = System.nanoTime() + settings.readyTimeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(settings.name + " exited with code " + process.exitValue()
                    + " before it was ready; last lines of " + logFile + ":\n" + logTail(TAIL_LINES));
            }
            if (probe.isUp()) {
                return;
            }
            pause(Duration.ofMillis(100));
        }
        process.destroyForcibly();
        throw new IllegalStateException(settings.name + " was not ready at " + probe.uri() + " within "
            + settings.readyTimeout + "; last lines of " + logFile + ":\n" + logTail(TAIL_LINES));
    }

    private void awaitExit(Duration timeout) {
        if (!waitFor(timeout)) {
            throw new IllegalStateException(settings.name + " (pid " + process.pid() + ") still runs after SIGKILL");
        }
    }

    private boolean waitFor(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void appendToLog(String line) {
        try {
            Files.writeString(logFile, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Settings of a service launch; {@link #start()} launches it and waits until it is ready. */
    public static final class Builder {

        private final Path jar;
        private final Map<String, String> env = new LinkedHashMap<>();
        private final Map<String, String> systemProperties = new LinkedHashMap<>();
        private final List<String> jvmArgs = new ArrayList<>();
        private String name;
        private String maxHeap = "256m";
        private int port;
        private Duration readyTimeout = Duration.ofSeconds(60);
        private Path logFile;

        private Builder(Path jar) {
            this.jar = jar;
            this.name = defaultName(jar.toAbsolutePath().normalize());
        }

        // <module>/target/quarkus-app/quarkus-run.jar is named after <module>; any other jar after itself
        private static String defaultName(Path jar) {
            Path quarkusApp = jar.getParent();
            Path target = quarkusApp == null ? null : quarkusApp.getParent();
            Path module = target == null ? null : target.getParent();
            if (module != null && module.getFileName() != null && "quarkus-app".equals(quarkusApp.getFileName().toString())) {
                return module.getFileName().toString();
            }
            return jar.getFileName().toString().replaceFirst("\\.jar$", "");
        }

        /** Names the log file and failure messages; defaults to the module directory's name. */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder env(String name, String value) {
            env.put(name, value);
            return this;
        }

        public Builder env(Map<String, String> variables) {
            env.putAll(variables);
            return this;
        }

        public Builder systemProperty(String name, String value) {
            systemProperties.put(name, value);
            return this;
        }

        public Builder jvmArg(String argument) {
            jvmArgs.add(argument);
            return this;
        }

        /** The child's -Xmx (256m by default): several services share a 2-core, 24 GiB machine with the broker. */
        public Builder maxHeap(String maxHeap) {
            this.maxHeap = maxHeap;
            return this;
        }

        /** A fixed HTTP port; by default a free one is picked, and kept across restarts. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder readyTimeout(Duration timeout) {
            this.readyTimeout = timeout;
            return this;
        }

        public Builder logFile(Path logFile) {
            this.logFile = logFile;
            return this;
        }

        public ServiceProcess start() {
            return new ServiceProcess(this).launch();
        }
    }
}

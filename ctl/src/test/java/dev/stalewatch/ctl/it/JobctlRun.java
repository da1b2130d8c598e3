package dev.stalewatch.ctl.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the packaged {@code target/jobctl.jar} as its own process, stdout and stderr piped. */
final class JobctlRun {

  static final Path JAR = Path.of("target", "jobctl.jar");

  /** What one run printed and returned. */
  record Result(int exitCode, String stdout, String stderr, long millis) {

    List<String> stderrLines() {
      return stderr.isEmpty() ? List.of() : List.of(stderr.split("\n"));
    }

    @Override
    public String toString() {
      return "exit " + exitCode + " in " + millis + " ms\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
    }
  }

  private final Map<String, String> env = new LinkedHashMap<>();
  private final Path home;

  JobctlRun(Map<String, String> env) {
    this.env.putAll(env);
    try {
      this.home = Files.createTempDirectory("jobctl-home-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  JobctlRun with(String name, String value) {
    Map<String, String> more = new LinkedHashMap<>(env);
    more.put(name, value);
    return new JobctlRun(more);
  }

  Result run(String... args) {
    return run(null, args);
  }

  Result run(Path stdin, String... args) {
    if (!Files.isRegularFile(JAR)) {
      throw new IllegalStateException("no " + JAR.toAbsolutePath() + ": run mvn package on ctl first");
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-XX:+UseSerialGC");
    command.add("-jar");
    command.add(JAR.toAbsolutePath().toString());
    command.addAll(Arrays.asList(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    Map<String, String> environment = builder.environment();
    for (String inherited : List.of("STALEWATCH_URL", "STALEWATCH_TOKEN", "STALEWATCH_CONFIG",
        "KAFKA_BOOTSTRAP_SERVERS", "NO_COLOR", "XDG_CONFIG_HOME", "TERM")) {
      environment.remove(inherited);
    }
    environment.put("HOME", home.toString());
    environment.putAll(env);
    try {
      Path out = Files.createTempFile("jobctl-out-", ".txt");
      Path err = Files.createTempFile("jobctl-err-", ".txt");
      builder.redirectOutput(out.toFile()).redirectError(err.toFile());
      if (stdin != null) {
        builder.redirectInput(stdin.toFile());
      }
      long started = System.nanoTime();
      Process process = builder.start();
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("jobctl " + String.join(" ", args) + " did not finish within 120 s");
      }
      long millis = (System.nanoTime() - started) / 1_000_000;
      Result result = new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8), millis);
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
      return result;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}

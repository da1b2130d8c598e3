package dev.stalewatch.ctl.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stalewatch.events.Dep;
import dev.stalewatch.events.DepKind;
import dev.stalewatch.events.Source;
import dev.stalewatch.events.VersionHash;
import dev.stalewatch.testkit.kafka.TestKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.stalewatch.events.Topics;
import dev.stalewatch.events.VersionObserved;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Python worker in docs/workers.md, run as written with Debian's python3 and
 * python3-confluent-kafka against the real broker: snapshot-service accepts and stores its report.
 * Fails (never skips) when the module is missing: .ci/run installs it.
 */
class PythonWorkerExampleIT {

  static final Path GUIDE = Path.of("..", "docs", "workers.md");
  static final String WORKER = "worker_example.py";
  static final String LISTENER = "reset_listener.py";
  static final String PYTHON = "/usr/bin/python3";
  static final Path PACKAGE = Path.of("..", "worker-python", "src");

  @TempDir Path dir;

  /** The fenced block of docs/workers.md opened by ```python title="NAME". */
  static String example(String name) throws Exception {
    String fence = "```python title=\"" + name + "\"";
    List<String> lines = Files.readAllLines(GUIDE, UTF_8);
    int start = lines.indexOf(fence);
    assertTrue(start >= 0, GUIDE + " has no block opened by " + fence);
    int end = start + 1;
    while (end < lines.size() && !lines.get(end).equals("```")) {
      end++;
    }
    assertTrue(end < lines.size(), "the " + name + " block is not closed");
    return String.join("\n", lines.subList(start + 1, end)) + "\n";
  }

  private static Process python(Path dir, List<String> args, String job) throws Exception {
    return python(dir, args, job, Map.of());
  }

  private static Process python(Path dir, List<String> args, String job, Map<String, String> env)
      throws Exception {
    List<String> command = new ArrayList<>();
    command.add(PYTHON);
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
    builder.environment().putAll(env);
    builder.environment().put("KAFKA_BOOTSTRAP_SERVERS", TestKafka.bootstrapServers());
    builder.environment().put("STALEWATCH_JOB", job);
    builder.environment().put("STALEWATCH_STAGE", "extract");
    builder.redirectError(dir.resolve("stderr.txt").toFile());
    builder.redirectOutput(dir.resolve("stdout.txt").toFile());
    return builder.start();
  }

  @Test
  void workerExampleFromTheGuidePublishesAReportSnapshotServiceStores() throws Exception {
    SnapshotServiceStack.service();
    String job = "py-" + UUID.randomUUID().toString().substring(0, 8);

    requireConfluentKafka(dir, job);

    Path script = Files.writeString(dir.resolve(WORKER), example(WORKER), UTF_8);
    Process worker = python(dir, List.of(script.toString()), job);
    assertTrue(worker.waitFor(90, TimeUnit.SECONDS), "the example did not finish");
    assertEquals(0, worker.exitValue(), () -> "the example failed: " + read(dir.resolve("stderr.txt")));
    String hash = read(dir.resolve("stdout.txt")).strip();
    assertTrue(hash.matches("[0-9a-f]{64}"), "prints the version hash, got: " + hash);

    String path = "/api/snapshots/" + job + "/extract/" + hash;
    SnapshotServiceStack.await("snapshot-service stores the example's snapshot", Duration.ofSeconds(60),
        () -> SnapshotServiceStack.get(path).statusCode() == 200);
    JsonNode snapshot = SnapshotServiceStack.getJson(path);
    assertEquals("stalewatch-sha256-v1", snapshot.path("hashAlgorithm").asText());
    assertEquals("python", snapshot.path("language").asText());
    assertEquals("_stage_extract", snapshot.path("source").path("name").asText());
    assertTrue(snapshot.path("source").path("text").asText().startsWith("def _stage_extract(item_key, data, stage, job):\n"));
    List<Dep> deps = new ArrayList<>();
    for (JsonNode dep : snapshot.path("deps")) {
      deps.add(new Dep(dep.path("name").asText(), DepKind.valueOf(dep.path("kind").asText().toUpperCase()),
          dep.hasNonNull("language") ? dep.path("language").asText() : null, dep.path("text").asText()));
    }
    assertEquals(List.of("MODEL", "PROMPT", "clean_text"), deps.stream().map(Dep::name).sorted().toList());
    assertEquals(hash, VersionHash.compute("python",
        new Source("_stage_extract", snapshot.path("source").path("text").asText()), deps),
        "Java computes the hash the Python worker sent");
  }

  private static void requireConfluentKafka(Path dir, String job) throws Exception {
    Process probe = python(dir, List.of("-c", "import confluent_kafka"), job);
    assertTrue(probe.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, probe.exitValue(), () -> PYTHON + " cannot import confluent_kafka: install Debian's"
        + " python3-confluent-kafka (.ci/run does): " + read(dir.resolve("stderr.txt")));
  }

  @Test
  void resetListenerFromTheGuideReceivesTheResetAPersonRequestedWithJobctl() throws Exception {
    SnapshotServiceStack.service();
    String job = "pyreset-" + UUID.randomUUID().toString().substring(0, 8);
    requireConfluentKafka(dir, job);

    // two versions, results under the first; triage says SEMANTIC; a person resets
    Source v1 = new Source("run", "def run(x):\n    return x\n");
    Source v2 = new Source("run", "def run(x):\n    return -x\n");
    String h1 = VersionHash.compute("python", v1, List.of());
    Instant start = Instant.now().minusSeconds(120);
    for (VersionObserved report : List.of(
        new VersionObserved(UUID.randomUUID().toString(), 1, start, job, "s", h1, VersionHash.ALGORITHM,
            "python", v1, List.of(), Map.of(), "it"),
        new VersionObserved(UUID.randomUUID().toString(), 1, start.plusSeconds(60), job, "s",
            VersionHash.compute("python", v2, List.of()), VersionHash.ALGORITHM, "python", v2, List.of(),
            Map.of(h1, 5L), "it"))) {
      TestKafka.produce(Topics.VERSION_OBSERVED, report.key(), SnapshotServiceStack.CODEC.encode(report), Map.of());
    }
    JsonNode change = SnapshotServiceStack.awaitOpenChange(job, "s", "TRIAGING");
    SnapshotServiceStack.semanticVerdict(job, "s", change, "Negates the value.");
    SnapshotServiceStack.awaitOpenChange(job, "s", "PENDING");
    JobctlRun.Result reset = SnapshotServiceStack.jobctl().run("reset", job, "s");
    assertEquals(0, reset.exitCode(), reset::toString);

    Path script = Files.writeString(dir.resolve(LISTENER), example(LISTENER), UTF_8);
    Process listener = python(dir, List.of(script.toString()), job, Map.of(
        "STALEWATCH_RESET_GROUP", "it-" + UUID.randomUUID(), "STALEWATCH_EXIT_WHEN_IDLE", "4"));
    assertTrue(listener.waitFor(90, TimeUnit.SECONDS), "the listener did not stop when idle");
    assertEquals(0, listener.exitValue(), () -> "the listener failed: " + read(dir.resolve("stderr.txt")));
    List<JsonNode> marked = new ArrayList<>();
    for (String line : read(dir.resolve("stdout.txt")).lines().toList()) {
      JsonNode event = SnapshotServiceStack.MAPPER.readTree(line);
      if (job.equals(event.path("jobId").asText())) {
        marked.add(event);
      }
    }
    assertEquals(1, marked.size(), () -> "one reset for " + job + " in " + read(dir.resolve("stdout.txt")));
    assertEquals("s", marked.get(0).path("stage").asText());
    assertEquals(List.of(h1), List.of(marked.get(0).path("staleHashes").get(0).asText()));
    assertEquals(1, marked.get(0).path("staleHashes").size());
    assertEquals("alice", marked.get(0).path("requestedBy").asText());
  }

  /** The stalewatch package (worker-python/src) reports over Kafka and follows a reset over Kafka. */
  @Test
  void thePackagesKafkaReporterAndKafkaResetListenerWorkAgainstTheRealBroker() throws Exception {
    SnapshotServiceStack.service();
    String job = "pykafka-" + UUID.randomUUID().toString().substring(0, 8);
    requireConfluentKafka(dir, job);
    Map<String, String> withPackage = Map.of("PYTHONPATH", PACKAGE.toAbsolutePath().normalize().toString());

    String h1 = runForHash(kafkaWorker(2), job, withPackage, List.of());
    SnapshotServiceStack.await("snapshot-service stores the package's first report", Duration.ofSeconds(60),
        () -> SnapshotServiceStack.get("/api/snapshots/" + job + "/extract/" + h1).statusCode() == 200);
    JsonNode snapshot = SnapshotServiceStack.getJson("/api/snapshots/" + job + "/extract/" + h1);
    assertEquals(List.of("PROMPT"), List.of(snapshot.path("deps").get(0).path("name").asText()));
    assertEquals("Say it twice", snapshot.path("deps").get(0).path("text").asText());
    String h2 = runForHash(kafkaWorker(3), job, withPackage, List.of(h1 + "=5"));

    JsonNode change = SnapshotServiceStack.awaitOpenChange(job, "extract", "TRIAGING");
    assertEquals(h2, change.path("newHash").asText());
    SnapshotServiceStack.semanticVerdict(job, "extract", change, "Triples instead of doubling.");
    SnapshotServiceStack.awaitOpenChange(job, "extract", "PENDING");
    JobctlRun.Result reset = SnapshotServiceStack.jobctl().run("reset", job, "extract");
    assertEquals(0, reset.exitCode(), reset::toString);

    Path listener = Files.writeString(dir.resolve("kafka_listener.py"), String.join("\n",
        "import json, os, stalewatch",
        "def hook(job, stage, stale_hashes, event_id):",
        "    print(json.dumps({'job': job, 'stage': stage, 'stale': stale_hashes, 'eventId': event_id}), flush=True)",
        "listener = stalewatch.KafkaResetListener(os.environ['STALEWATCH_JOB'], hook, 'state.json',",
        "    group_id=os.environ['GROUP'], bootstrap_servers=os.environ['KAFKA_BOOTSTRAP_SERVERS'])",
        "listener.run(max_idle=4)", ""), UTF_8);
    Map<String, String> env = new java.util.HashMap<>(withPackage);
    env.put("GROUP", "it-" + UUID.randomUUID());
    Process process = python(dir, List.of(listener.toString()), job, env);
    assertTrue(process.waitFor(90, TimeUnit.SECONDS), "the package's listener did not stop when idle");
    assertEquals(0, process.exitValue(), () -> "the listener failed: " + read(dir.resolve("stderr.txt")));
    List<String> lines = read(dir.resolve("stdout.txt")).lines().toList();
    assertEquals(1, lines.size(), () -> "one reset handed to the hook: " + lines);
    JsonNode handed = SnapshotServiceStack.MAPPER.readTree(lines.get(0));
    assertEquals(List.of(h1), List.of(handed.path("stale").get(0).asText()));
    assertEquals("extract", handed.path("stage").asText());
  }

  /** A worker whose stage multiplies by {@code factor}: each factor is another version of the code. */
  private Path kafkaWorker(int factor) throws Exception {
    return Files.writeString(dir.resolve("kafka_worker_" + factor + ".py"), String.join("\n",
        "import os, sys, stalewatch",
        "PROMPT = 'Say it twice'",
        "VERSION_DEPS = {'extract': [PROMPT]}",
        "def _stage_extract(item_key, data, stage, job):",
        "    return data * " + factor,
        "cap = stalewatch.capture(_stage_extract, 'extract')",
        "results = dict(arg.split('=') for arg in sys.argv[1:])",
        "with stalewatch.KafkaReporter(os.environ['KAFKA_BOOTSTRAP_SERVERS'], timeout=30) as reporter:",
        "    reporter.report(os.environ['STALEWATCH_JOB'], 'extract', cap,",
        "                    {h: int(n) for h, n in results.items()}, strict=True)",
        "print(cap.version_hash)", ""), UTF_8);
  }

  private String runForHash(Path script, String job, Map<String, String> env, List<String> args) throws Exception {
    List<String> command = new ArrayList<>(List.of(script.toString()));
    command.addAll(args);
    Process worker = python(dir, command, job, env);
    assertTrue(worker.waitFor(90, TimeUnit.SECONDS), "the package's worker did not finish");
    assertEquals(0, worker.exitValue(), () -> "the package's worker failed: " + read(dir.resolve("stderr.txt")));
    String hash = read(dir.resolve("stdout.txt")).strip();
    assertTrue(hash.matches("[0-9a-f]{64}"), "prints the version hash, got: " + hash);
    return hash;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, UTF_8);
    } catch (Exception e) {
      return "(" + e + ")";
    }
  }
}

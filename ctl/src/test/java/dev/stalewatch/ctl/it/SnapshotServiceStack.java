package dev.stalewatch.ctl.it;

import dev.stalewatch.events.EventCodec;
import dev.stalewatch.events.Topics;
import dev.stalewatch.events.TriageVerdict;
import dev.stalewatch.events.Method;
import dev.stalewatch.events.Verdict;
import dev.stalewatch.testkit.kafka.TestKafka;
import dev.stalewatch.testkit.postgres.TestDatabase;
import dev.stalewatch.testkit.postgres.TestPostgres;
import dev.stalewatch.testkit.process.ServiceProcess;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * One packaged snapshot-service for every IT in this JVM, on the real broker and a fresh
 * PostgreSQL database, with the token {@code alice}. Started on first use, killed at JVM exit.
 */
final class SnapshotServiceStack {

  static final String TOKEN = "alice-secret-token-1";
  static final Path JAR = Path.of("..", "snapshot-service", "target", "quarkus-app", "quarkus-run.jar");
  static final ObjectMapper MAPPER = new ObjectMapper();
  static final EventCodec CODEC = new EventCodec();

  private static ServiceProcess service;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private SnapshotServiceStack() {}

  static synchronized ServiceProcess service() {
    if (service == null) {
      if (!Files.isRegularFile(JAR)) {
        throw new IllegalStateException("no packaged snapshot-service at " + JAR.toAbsolutePath()
            + ": run ./mvnw -pl snapshot-service package first");
      }
      for (String topic : Topics.ALL) {
        TestKafka.createTopic(topic, 3);
      }
      TestKafka.createTopic(Topics.deadLetter(Topics.VERSION_OBSERVED, "snapshot-service"), 1);
      TestKafka.createTopic(Topics.deadLetter(Topics.VERDICTS, "snapshot-service"), 1);
      TestDatabase database = TestPostgres.freshDatabase(SnapshotServiceStack.class);
      service = ServiceProcess.fromJar(JAR)
          .name("snapshot-service-for-jobctl")
          .env("QUARKUS_DATASOURCE_JDBC_URL", database.jdbcUrl())
          .env("QUARKUS_DATASOURCE_USERNAME", database.user())
          .env("QUARKUS_DATASOURCE_PASSWORD", database.password())
          .env("KAFKA_BOOTSTRAP_SERVERS", TestKafka.bootstrapServers())
          .env("STALEWATCH_API_TOKENS", "alice:" + TOKEN)
          .systemProperty("kafka.session.timeout.ms", "6000")
          .maxHeap("256m")
          .readyTimeout(Duration.ofSeconds(120))
          .start();
    }
    return service;
  }

  static String url() {
    return service().baseUrl();
  }

  /** jobctl set up the way a user would: URL, token and Kafka from the environment. */
  static JobctlRun jobctl() {
    return new JobctlRun(Map.of(
        "STALEWATCH_URL", url(),
        "STALEWATCH_TOKEN", TOKEN,
        "KAFKA_BOOTSTRAP_SERVERS", TestKafka.bootstrapServers()));
  }

  static HttpResponse<String> get(String pathAndQuery) {
    try {
      return HTTP.send(HttpRequest.newBuilder(URI.create(url() + pathAndQuery)).GET().build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static JsonNode getJson(String pathAndQuery) {
    HttpResponse<String> response = get(pathAndQuery);
    if (response.statusCode() != 200) {
      throw new AssertionError("GET " + pathAndQuery + " answered " + response.statusCode() + ": " + response.body());
    }
    try {
      return MAPPER.readTree(response.body());
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + response.body(), e);
    }
  }

  /** The open change of a stage in the state wanted, once snapshot-service shows it. */
  static JsonNode awaitOpenChange(String job, String stage, String state) throws Exception {
    JsonNode[] found = new JsonNode[1];
    await("an open " + state + " change on " + job + "/" + stage, Duration.ofSeconds(60), () -> {
      found[0] = openChanges(job, stage).stream()
          .filter(c -> state.equals(c.path("state").asText())).findFirst().orElse(null);
      return found[0] != null;
    });
    return found[0];
  }

  static List<JsonNode> openChanges(String job, String stage) {
    JsonNode stale = getJson("/api/stale?job=" + job);
    for (JsonNode entry : stale.path("pending")) {
      if (stage.equals(entry.path("stage").asText())) {
        return List.copyOf(MAPPER.convertValue(entry.path("changes"),
            MAPPER.getTypeFactory().constructCollectionType(List.class, JsonNode.class)));
      }
    }
    return List.of();
  }

  static Optional<JsonNode> stage(String job, String stage) {
    for (JsonNode entry : getJson("/api/stale?job=" + job).path("pending")) {
      if (stage.equals(entry.path("stage").asText())) {
        return Optional.of(entry);
      }
    }
    return Optional.empty();
  }

  /** Plays triage-service: a SEMANTIC verdict on the change, which makes it PENDING. */
  static void semanticVerdict(String job, String stage, JsonNode change, String reason) {
    TriageVerdict verdict = new TriageVerdict(
        java.util.UUID.randomUUID().toString(), 1, Instant.now(), change.path("changeId").asText(), 1,
        job, stage, change.path("oldHash").asText(), change.path("newHash").asText(),
        change.path("staleItems").asLong(), Verdict.SEMANTIC, Method.LLM, "stub-model", reason);
    TestKafka.produce(Topics.VERDICTS, verdict.key(), CODEC.encode(verdict), Map.of());
  }

  static void await(String what, Duration timeout, Callable<Boolean> condition) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (Boolean.TRUE.equals(condition.call())) {
        return;
      }
      Thread.sleep(150);
    }
    throw new AssertionError("not within " + timeout + ": " + what + "\nservice log tail:\n"
        + service().logTail(40));
  }
}

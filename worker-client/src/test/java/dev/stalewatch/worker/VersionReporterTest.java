package dev.stalewatch.worker;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stalewatch.events.Dep;
import dev.stalewatch.events.EventCodec;
import dev.stalewatch.events.EventValidationException;
import dev.stalewatch.events.Source;
import dev.stalewatch.events.VersionHash;
import dev.stalewatch.events.VersionObserved;
import dev.stalewatch.testkit.kafka.TestKafka;
import dev.stalewatch.testkit.kafka.TopicContents;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** VersionReporter against the real broker: what lands on the topic is a valid VersionObserved. */
class VersionReporterTest {

  private static final EventCodec CODEC = new EventCodec();
  private static String topic;

  @BeforeAll
  static void topic() {
    topic = TestKafka.createUniqueTopic("worker-client-observed", 3);
  }

  private static VersionReporter reporter(String workerId) {
    return VersionReporter.builder()
        .bootstrapServers(TestKafka.bootstrapServers())
        .workerId(workerId)
        .topic(topic)
        .build();
  }

  private static List<VersionObserved> reportsOf(String job) {
    List<VersionObserved> reports = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> r : TopicContents.withKeyPrefix(topic, job + "/")) {
      VersionObserved observed = CODEC.decode(r.value(), VersionObserved.class); // decodes and validates
      assertEquals(observed.key(), new String(r.key(), UTF_8), "keyed jobId/stage");
      reports.add(observed);
    }
    return reports;
  }

  @Test
  void reportPublishesAValidEventWhoseHashIsTheStalewatchHashOfSourceAndDeps() {
    String job = "wc-" + UUID.randomUUID().toString().substring(0, 8);
    Source source = new Source("ExtractStage.run", "int run(int x) {\n  return x + 1;\n}\n");
    List<Dep> deps =
        List.of(
            Dep.text("PROMPT", "Extract the ideas"),
            Dep.code("clean", "java", "String clean(String s) { return s.trim(); }"));
    String expected = VersionHash.compute("java", source, deps);

    VersionReporter.Report report;
    try (VersionReporter reporter = reporter("w-1")) {
      report =
          reporter.report(job, "extract", "java", source, deps, Map.of("0123456789abcdef", 12L));
      report.await();
    }

    assertEquals(expected, report.versionHash());
    List<VersionObserved> reports = reportsOf(job);
    assertEquals(1, reports.size());
    VersionObserved observed = reports.get(0);
    assertEquals(report.eventId(), observed.eventId());
    assertEquals(expected, observed.versionHash());
    assertEquals(VersionHash.ALGORITHM, observed.hashAlgorithm());
    assertTrue(VersionHash.matches(observed), "snapshot-service would accept the hash");
    assertEquals(source, observed.source());
    assertEquals(Set.copyOf(deps), Set.copyOf(observed.deps()));
    assertEquals(Map.of("0123456789abcdef", 12L), observed.resultVersions());
    assertEquals("w-1", observed.workerId());
    assertEquals("extract", observed.stage());
  }

  @Test
  void histogramOnlyReportCarriesNoCodeAndKeepsTheGivenHash() {
    String job = "wc-" + UUID.randomUUID().toString().substring(0, 8);
    String hash = StageCode.of("python", "f", "def f(): pass").versionHash();
    try (VersionReporter reporter = reporter("w-2")) {
      reporter
          .reportHistogram(job, "score", hash, VersionHash.ALGORITHM, Map.of(hash, 40L))
          .await();
    }
    VersionObserved observed = reportsOf(job).get(0);
    assertFalse(observed.hasSource());
    assertNull(observed.language());
    assertTrue(observed.deps().isEmpty());
    assertEquals(hash, observed.versionHash());
    assertEquals(Map.of(hash, 40L), observed.resultVersions());
  }

  @Test
  void manyThreadsReportingThroughOneReporterLoseAndDuplicateNothingAndKeepStageOrder()
      throws Exception {
    String job = "wc-" + UUID.randomUUID().toString().substring(0, 8);
    int threads = 8;
    int perThread = 50;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    Set<String> sent = java.util.concurrent.ConcurrentHashMap.newKeySet();
    try (VersionReporter reporter = reporter("w-many")) {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        done.add(
            pool.submit(
                () -> {
                  List<CompletableFuture<?>> acks = new ArrayList<>();
                  for (int i = 0; i < perThread; i++) {
                    StageCode code =
                        StageCode.of("python", "f", "def f():\n    return " + i + "\n")
                            .withTextDep("MODEL", "m-" + thread);
                    VersionReporter.Report r =
                        reporter.report(job, "stage" + thread, code, Map.of());
                    sent.add(r.eventId());
                    acks.add(r.acknowledged());
                  }
                  acks.forEach(CompletableFuture::join);
                }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    List<VersionObserved> reports = reportsOf(job);
    assertEquals(threads * perThread, reports.size(), "nothing lost, nothing duplicated");
    Set<String> received = new HashSet<>();
    reports.forEach(r -> received.add(r.eventId()));
    assertEquals(sent, received);
    // one stage's reports share a partition and arrive in the order that thread sent them
    for (int t = 0; t < threads; t++) {
      String stage = "stage" + t;
      List<String> texts =
          reports.stream().filter(r -> r.stage().equals(stage)).map(r -> r.source().text()).toList();
      for (int i = 0; i < perThread; i++) {
        assertEquals("def f():\n    return " + i + "\n", texts.get(i));
      }
    }
  }

  @Test
  void invalidReportsThrowAtOnceAndNothingIsSent() {
    String job = "wc-" + UUID.randomUUID().toString().substring(0, 8);
    try (VersionReporter reporter = reporter("w-bad")) {
      Source source = new Source("f", "pass");
      assertThrows(
          EventValidationException.class,
          () -> reporter.report(job, "bad/stage", "python", source, List.of(), Map.of()));
      assertThrows(
          IllegalArgumentException.class,
          () ->
              reporter.report(
                  job,
                  "s",
                  "python",
                  source,
                  List.of(Dep.text("A", "1"), Dep.text("A", "2")),
                  Map.of()));
      assertThrows(
          IllegalArgumentException.class,
          () ->
              reporter.reportWithHash(
                  job, "s", "0000000000", VersionHash.ALGORITHM, "python", source, List.of(),
                  Map.of()));
      reporter.flush();
    }
    assertTrue(reportsOf(job).isEmpty());
  }

  @Test
  void foreignHashIsSentAsGivenWithItsAlgorithm() {
    String job = "wc-" + UUID.randomUUID().toString().substring(0, 8);
    try (VersionReporter reporter = reporter(null)) {
      reporter
          .reportWithHash(
              job, "s", "git:abc1234", "git-tree", "python", new Source("f", "pass"), List.of(),
              Map.of("git:abc1234", 3L))
          .await();
    }
    VersionObserved observed = reportsOf(job).get(0);
    assertEquals("git:abc1234", observed.versionHash());
    assertEquals("git-tree", observed.hashAlgorithm());
  }

  @Test
  void closedReporterRefusesReportsAndClosesOnce() {
    VersionReporter reporter = reporter("w-closed");
    reporter.close();
    reporter.close();
    assertThrows(
        IllegalStateException.class,
        () -> reporter.report("j", "s", "python", new Source("f", "pass"), List.of(), Map.of()));
  }

  @Test
  void producerStaysIdempotentWithAcksAllWhateverTheCallerPasses() {
    java.util.Properties p =
        VersionReporter.builder()
            .bootstrapServers("localhost:1")
            .producerProperty(ProducerConfig.ACKS_CONFIG, "0")
            .producerProperty(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false")
            .producerProperty(ProducerConfig.LINGER_MS_CONFIG, "7")
            .producerProperties();
    assertEquals("all", p.get(ProducerConfig.ACKS_CONFIG));
    assertEquals(true, p.get(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG));
    assertEquals("7", p.get(ProducerConfig.LINGER_MS_CONFIG), "other settings pass through");
  }

  @Test
  void stageCodeReadsFilesExactlyAsStored(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("stage.py");
    String text = "def f():\r\n    return 1  \n";
    Files.writeString(file, text, UTF_8);
    StageCode code = StageCode.ofFile("python", "f", file).withTextDep("PROMPT", "hi");
    assertEquals(text, code.source().text());
    assertEquals(
        VersionHash.compute("python", new Source("f", text), List.of(Dep.text("PROMPT", "hi"))),
        code.versionHash());
  }
}

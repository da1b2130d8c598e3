package dev.stalewatch.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.stalewatch.events.EventCodec;
import dev.stalewatch.events.ResetRequested;
import dev.stalewatch.events.Source;
import dev.stalewatch.events.Topics;
import dev.stalewatch.testkit.kafka.TestKafka;
import dev.stalewatch.testkit.kafka.TopicContents;
import dev.stalewatch.testkit.process.ServiceProcess;
import dev.stalewatch.worker.VersionReporter;

/**
 * The whole system as separate processes (docs/architecture.md), driven the way users drive it: workers
 * through VersionReporter, people through jobctl. Each test uses its own job and stage names, so
 * the tests share the running system but not their data (the verdict cache is content-keyed and
 * the stage name is part of the source).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StalewatchSystemTest {

    private static final String SEMANTIC = "{\"verdict\":\"semantic\",\"reason\":\"the sampling temperature changed\"}";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private RunningSystem system;
    private Jobctl jobctl;

    @BeforeAll
    void start() {
        system = new RunningSystem();
        system.llm.answerText(SEMANTIC);
        jobctl = new Jobctl(system.snapshot.baseUrl());
    }

    @AfterAll
    void stop() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void twentyWorkersReportingOneSemanticChangeMakeOneLlmRequestAndOnePush() throws Exception {
        String job = name("fanin");
        String stage = name("extract");
        report(job, stage, StageCode.original(stage), Map.of(hash(StageCode.original(stage)), 500L), "w0");
        awaitCurrent(job, stage, hash(StageCode.original(stage)));

        ExecutorService workers = Executors.newFixedThreadPool(20);
        List<Future<?>> reports = new ArrayList<>();
        for (int w = 1; w <= 20; w++) {
            String worker = "worker-" + w;
            reports.add(workers.submit(() -> report(job, stage, StageCode.semantic(stage),
                    Map.of(hash(StageCode.original(stage)), 500L), worker)));
        }
        for (Future<?> report : reports) {
            report.get();
        }
        workers.shutdown();

        await("the change is pending", () -> pendingStaleItems(job, stage) == 500);
        Thread.sleep(RunningSystem.DIGEST_WINDOW.toMillis() + 3000);
        assertEquals(1, llmRequestsFor(stage), "one LLM request for 20 workers");
        assertEquals(1, pushesFor(job), "one push for 20 workers");
        String stale = jobctl.ok("stale", "--job", job).out();
        assertTrue(stale.contains(job) && stale.contains(stage) && stale.contains("500"), stale);
    }

    @Test
    void aCommentAndReformatOnlyChangeIsAutoBlessedByProofWithoutLlmOrPush() throws Exception {
        String job = name("format");
        String stage = name("score");
        report(job, stage, StageCode.original(stage), Map.of(hash(StageCode.original(stage)), 300L), "w0");
        awaitCurrent(job, stage, hash(StageCode.original(stage)));

        report(job, stage, StageCode.reformatted(stage), Map.of(hash(StageCode.original(stage)), 300L), "w1");

        await("auto-blessed", () -> autoBlessedMethod(job, stage) != null);
        assertEquals("STRUCTURAL", autoBlessedMethod(job, stage));
        assertEquals(0, pendingStaleItems(job, stage));
        Thread.sleep(RunningSystem.DIGEST_WINDOW.toMillis() + 1000);
        assertEquals(0, llmRequestsFor(stage), "a structural proof costs no LLM call");
        assertEquals(0, pushesFor(job), "a cosmetic change is not pushed");
        String stale = jobctl.ok("stale", "--job", job).out();
        assertTrue(stale.contains("Auto-blessed") && stale.contains(stage), stale);
    }

    @Test
    void oneDeployChangingSixStagesSemanticallyMakesOneDigestPush() throws Exception {
        String job = name("deploy");
        List<String> stages = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            stages.add(name("s" + i));
        }
        for (String stage : stages) {
            report(job, stage, StageCode.original(stage), Map.of(hash(StageCode.original(stage)), 10L), "w0");
        }
        for (String stage : stages) {
            awaitCurrent(job, stage, hash(StageCode.original(stage)));
        }

        for (String stage : stages) {
            report(job, stage, StageCode.semantic(stage), Map.of(hash(StageCode.original(stage)), 10L), "w1");
        }

        await("six pending", () -> stages.stream().allMatch(s -> pendingStaleItemsUnchecked(job, s) == 10));
        await("the digest push", () -> pushesFor(job) >= 1);
        Thread.sleep(RunningSystem.DIGEST_WINDOW.toMillis() + 1000);
        assertEquals(1, pushesFor(job), "one digest push for the deploy");
        String title = system.pushover.messages().stream().filter(m -> m.title().contains(job)).findFirst()
                .orElseThrow().title();
        assertEquals("jobs: " + job + ": 6 stages changed (semantic)", title);
    }

    @Test
    void blessLeavesPendingAndResetPublishesResetRequested() throws Exception {
        String job = name("decide");
        String stage = name("rank");
        String v1 = hash(StageCode.original(stage));
        report(job, stage, StageCode.original(stage), Map.of(v1, 40L), "w0");
        awaitCurrent(job, stage, v1);
        report(job, stage, StageCode.semantic(stage), Map.of(v1, 40L), "w1");
        await("pending", () -> pendingStaleItems(job, stage) == 40);

        jobctl.ok("bless", job, stage, "--reason", "checked by hand");

        assertEquals(0, pendingStaleItems(job, stage));
        String stale = jobctl.ok("stale", "--job", job).out();
        assertTrue(stale.contains("No pending version changes."), stale);

        Source third = new Source(StageCode.semantic(stage).name(),
                StageCode.semantic(stage).text().replace("temperature=0.7", "temperature=0.9"));
        report(job, stage, third, Map.of(v1, 40L), "w2");
        await("pending again", () -> pendingStaleItems(job, stage) == 40);
        jobctl.ok("reset", job, stage);

        await("ResetRequested on the topic", () -> !TopicContents.withKeyPrefix(Topics.RESET_REQUESTED, job + "/")
                .isEmpty());
        ResetRequested reset = (ResetRequested) new EventCodec().decode(
                TopicContents.withKeyPrefix(Topics.RESET_REQUESTED, job + "/").get(0).value());
        assertEquals(hash(third), reset.currentHash());
        assertTrue(jobctl.ok("stale", "--job", job).out().contains("reset requested"));
    }

    @Test
    void eachServiceKilledWhileChangesAreInFlightEndsWithOneDecisionAndExactlyOnePushPerChange() throws Exception {
        for (ServiceProcess victim : system.services()) {
            String job = name("kill");
            List<String> stages = List.of(name("a"), name("b"), name("c"));
            for (String stage : stages) {
                report(job, stage, StageCode.original(stage), Map.of(hash(StageCode.original(stage)), 7L), "w0");
            }
            for (String stage : stages) {
                awaitCurrent(job, stage, hash(StageCode.original(stage)));
            }
            for (String stage : stages) {
                report(job, stage, StageCode.semantic(stage), Map.of(hash(StageCode.original(stage)), 7L), "w1");
            }
            victim.kill9();
            victim.restart();

            await("every change decided", () -> stages.stream().allMatch(s -> pendingStaleItemsUnchecked(job, s) == 7));
            for (String stage : stages) {
                JsonNode history = getJson("/api/stages/" + job + "/" + stage + "/history").get("changes");
                assertEquals(1, history.size(), "one change for " + stage);
                long pendings = 0;
                for (JsonNode entry : history.get(0).get("history")) {
                    pendings += "PENDING".equals(entry.get("state").asText()) ? 1 : 0;
                }
                assertEquals(1, pendings, "one decision for " + stage);
            }
            // each change in exactly one push: one digest, or two if the outage split the window
            await("every change pushed", () -> stages.stream().allMatch(s -> pushesNaming(job, s) >= 1));
            Thread.sleep(RunningSystem.DIGEST_WINDOW.toMillis() + 3000);
            for (String stage : stages) {
                assertEquals(1, pushesNaming(job, stage), () -> "pushes naming " + stage + " after killing "
                        + victim.baseUrl() + ": " + system.pushover.messages().stream()
                                .filter(m -> m.title().contains(job)).map(m -> m.title() + " / " + m.message()).toList());
            }
        }
    }

    /** Pushes of the job whose title or message names the stage (a digest lists its stages). */
    private long pushesNaming(String job, String stage) {
        return system.pushover.messages().stream().filter(m -> m.title().contains(job))
                .filter(m -> m.title().contains(stage) || m.message().contains(stage)).count();
    }

    @Test
    void printsEndToEndLatency() throws Exception {
        List<Long> structural = new ArrayList<>();
        List<Long> semantic = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String job = name("lat");
            String stage = name("st" + i);
            report(job, stage, StageCode.original(stage), Map.of(hash(StageCode.original(stage)), 1L), "w0");
            awaitCurrent(job, stage, hash(StageCode.original(stage)));
            long start = System.nanoTime();
            report(job, stage, StageCode.reformatted(stage), Map.of(hash(StageCode.original(stage)), 1L), "w1");
            await("blessed", () -> autoBlessedMethod(job, stage) != null);
            structural.add((System.nanoTime() - start) / 1_000_000);

            String semStage = name("se" + i);
            report(job, semStage, StageCode.original(semStage), Map.of(hash(StageCode.original(semStage)), 1L), "w0");
            awaitCurrent(job, semStage, hash(StageCode.original(semStage)));
            long semStart = System.nanoTime();
            report(job, semStage, StageCode.semantic(semStage), Map.of(hash(StageCode.original(semStage)), 1L), "w1");
            await("pushed", () -> pushesFor(job) >= 1);
            semantic.add((System.nanoTime() - semStart) / 1_000_000 - RunningSystem.DIGEST_WINDOW.toMillis());
        }
        System.out.printf("[e2e latency] VersionObserved -> equivalence recorded: p50 %d ms, p99 %d ms (n=%d)%n",
                percentile(structural, 50), percentile(structural, 99), structural.size());
        System.out.printf("[e2e latency] VersionObserved -> push received (digest window of %d ms taken out):"
                + " p50 %d ms, p99 %d ms (n=%d)%n", RunningSystem.DIGEST_WINDOW.toMillis(), percentile(semantic, 50),
                percentile(semantic, 99), semantic.size());
        assertEquals(8, structural.size());
    }

    // --- helpers -------------------------------------------------------------------------------

    private static String name(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String hash(Source source) {
        return StageCode.hash(source);
    }

    private Void report(String job, String stage, Source source, Map<String, Long> histogram, String worker) {
        try (VersionReporter reporter = VersionReporter.builder().bootstrapServers(TestKafka.bootstrapServers())
                .workerId(worker).build()) {
            reporter.report(job, stage, "python", source, StageCode.DEPS, histogram).await();
        }
        return null;
    }

    private void awaitCurrent(String job, String stage, String hash) throws Exception {
        await("current " + hash, () -> HTTP.send(request("/api/snapshots/" + job + "/" + stage + "/" + hash),
                HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
        Thread.sleep(200);
    }

    private long pendingStaleItems(String job, String stage) throws Exception {
        for (JsonNode entry : getJson("/api/stale?job=" + job).get("pending")) {
            if (entry.get("stage").asText().equals(stage)) {
                boolean decided = false;
                for (JsonNode change : entry.get("changes")) {
                    decided |= "PENDING".equals(change.get("state").asText());
                }
                return decided ? entry.get("staleItems").asLong() : -1;
            }
        }
        return 0;
    }

    private long pendingStaleItemsUnchecked(String job, String stage) {
        try {
            return pendingStaleItems(job, stage);
        } catch (Exception e) {
            return -1;
        }
    }

    private String autoBlessedMethod(String job, String stage) throws Exception {
        for (JsonNode blessed : getJson("/api/stale?job=" + job).get("autoBlessed")) {
            if (blessed.get("stage").asText().equals(stage)) {
                return blessed.get("method").asText();
            }
        }
        return null;
    }

    private long llmRequestsFor(String stage) {
        return system.llm.received().stream().filter(r -> r.body().toString().contains(StageCode.function(stage))).count();
    }

    private long pushesFor(String job) {
        return system.pushover.messages().stream().filter(m -> m.title().contains(job)).count();
    }

    private JsonNode getJson(String path) throws Exception {
        HttpResponse<String> response = HTTP.send(request(path), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), path + ": " + response.body());
        return JSON.readTree(response.body());
    }

    private HttpRequest request(String path) {
        return HttpRequest.newBuilder(URI.create(system.snapshot.baseUrl() + path)).timeout(Duration.ofSeconds(10))
                .GET().build();
    }

    private static void await(String what, Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (Boolean.TRUE.equals(condition.call())) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("not within 60 s: " + what);
    }

    private static long percentile(List<Long> values, int p) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }
}

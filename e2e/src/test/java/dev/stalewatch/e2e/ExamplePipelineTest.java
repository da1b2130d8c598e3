package dev.stalewatch.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The pipeline on the other side: the Python example pipeline of examples/pipeline, which uses only the
 * stalewatch package, against the three packaged services. It recomputes what Stalewatch says is stale
 * and nothing else, and recomputes on a reset exactly once per item, even when its reset listener is
 * killed in the middle.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExamplePipelineTest {

    private static final int ITEMS = 1000;
    private static final String SEMANTIC = "{\"verdict\":\"semantic\",\"reason\":\"the threshold changed\"}";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Path PIPELINE = RunningSystem.root().resolve("examples/pipeline");

    private RunningSystem system;
    private Jobctl jobctl;

    @TempDir
    Path work;

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
    void theRunnerRecomputesOnlyStaleResultsAndAResetRecomputesEachStaleItemOnceThroughAKill() throws Exception {
        String job = "pipeline-" + UUID.randomUUID().toString().substring(0, 8);
        Path deployed = work.resolve("score.py");
        Path db = work.resolve("results.db");

        deploy("score_v1.py", deployed);
        JsonNode v1 = runner(job, deployed, db);
        System.out.println("[e2e] v1: " + v1);
        assertEquals(ITEMS, v1.path("computed").asInt(), "the first run computes every item");

        deploy("score_v2_reformatted.py", deployed);
        JsonNode v2 = runner(job, deployed, db);
        System.out.println("[e2e] v2 (reformatted): " + v2);
        assertEquals(0, v2.path("computed").asInt(), "a cosmetic change recomputes nothing");
        assertEquals(ITEMS, v2.path("keptValid").asInt());
        assertEquals(Set.of(v1.path("versionHash").asText(), v2.path("versionHash").asText()),
                Set.copyOf(validHashes(job)), "both hashes are valid");

        deploy("score_v3_threshold.py", deployed);
        JsonNode v3 = runner(job, deployed, db);
        System.out.println("[e2e] v3 (threshold): " + v3);
        assertEquals(0, v3.path("computed").asInt(), "a pending change recomputes nothing until it is decided");
        assertEquals(ITEMS, v3.path("waitingForDecision").asInt());

        jobctl.ok("bless", job, "score", "--reason", "the threshold does not matter for stored scores");
        JsonNode blessed = runner(job, deployed, db);
        System.out.println("[e2e] v3 after bless: " + blessed);
        assertEquals(0, blessed.path("computed").asInt(), "after a bless the old results are valid");
        assertEquals(ITEMS, blessed.path("keptValid").asInt());

        deploy("score_v4_weights.py", deployed);
        JsonNode v4 = runner(job, deployed, db);
        System.out.println("[e2e] v4 (weights): " + v4);
        assertEquals(0, v4.path("computed").asInt());
        long computationsBefore = stats(job, db).path("computations").asLong();
        jobctl.ok("reset", job, "score");

        Path state = work.resolve("resets.json");
        Process first = listener(job, db, deployed, state, "20", "0");
        await("the killed listener recomputed some items", Duration.ofSeconds(120),
                () -> stats(job, db).path("computations").asLong() - computationsBefore >= 200);
        first.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        long beforeRestart = stats(job, db).path("computations").asLong() - computationsBefore;
        System.out.println("[e2e] listener killed after " + beforeRestart + " recomputed items");
        assertTrue(beforeRestart < ITEMS, "killed in the middle: " + beforeRestart);

        Process second = listener(job, db, deployed, state, "0", "5");
        assertTrue(second.waitFor(180, TimeUnit.SECONDS), "the restarted listener finished");
        String output = new String(second.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        System.out.println("[e2e] restarted listener: " + output.strip());

        JsonNode after = stats(job, db);
        assertEquals(ITEMS, after.path("computations").asLong() - computationsBefore,
                "each stale item recomputed exactly once across the kill: " + after);
        assertEquals(ITEMS, after.path("byHash").path(v4.path("versionHash").asText()).asInt(), after.toString());
        await("the stale count drops to 0", Duration.ofSeconds(60), () -> staleItems(job) == 0);
        JsonNode rerun = runner(job, deployed, db);
        assertEquals(0, rerun.path("computed").asInt(), "nothing is left to recompute: " + rerun);
    }

    private static void deploy(String version, Path deployed) throws IOException {
        Files.copy(PIPELINE.resolve("stages").resolve(version), deployed, StandardCopyOption.REPLACE_EXISTING);
    }

    private JsonNode runner(String job, Path stageModule, Path db) throws Exception {
        return lastJsonLine(python(List.of("runner.py", "--job", job, "--stage", "score", "--stage-module",
                stageModule.toString(), "--items", String.valueOf(ITEMS), "--db", db.toString(), "--wait", "60")));
    }

    private JsonNode stats(String job, Path db) throws Exception {
        return lastJsonLine(python(List.of("stats.py", "--db", db.toString(), "--job", job, "--stage", "score")));
    }

    private Process listener(String job, Path db, Path stageModule, Path state, String slowMs, String exitWhenIdle)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(python(), PIPELINE.resolve("listen.py").toString(), "--job", job,
                "--db", db.toString(), "--state-file", state.toString(), "--stage-module", "score=" + stageModule,
                "--via", "http", "--slow-ms", slowMs));
        if (!exitWhenIdle.equals("0")) {
            command.addAll(List.of("--exit-when-idle", exitWhenIdle));
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        environment(builder);
        return builder.start();
    }

    private String python(List<String> args) throws Exception {
        List<String> command = new ArrayList<>(List.of(python(), PIPELINE.resolve(args.get(0)).toString()));
        command.addAll(args.subList(1, args.size()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        environment(builder);
        Process process = builder.start();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish");
        }
        assertEquals(0, process.exitValue(), String.join(" ", command) + " failed");
        return new String(out, StandardCharsets.UTF_8);
    }

    private void environment(ProcessBuilder builder) {
        builder.environment().put("STALEWATCH_URL", system.snapshot.baseUrl());
        builder.environment().put("STALEWATCH_TOKEN", RunningSystem.TOKEN);
        builder.environment().put("PYTHONDONTWRITEBYTECODE", "1");
    }

    private static String python() {
        return Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
    }

    private static JsonNode lastJsonLine(String output) throws IOException {
        String[] lines = output.strip().split("\n");
        return JSON.readTree(lines[lines.length - 1]);
    }

    private List<String> validHashes(String job) throws Exception {
        JsonNode answer = get("/api/stages/" + job + "/score/validity");
        List<String> hashes = new ArrayList<>();
        answer.path("validHashes").forEach(h -> hashes.add(h.asText()));
        return hashes;
    }

    private long staleItems(String job) throws Exception {
        JsonNode stale = get("/api/stale?job=" + job);
        long total = 0;
        for (JsonNode stage : stale.path("pending")) {
            total += stage.path("staleItems").asLong();
        }
        return total;
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(system.snapshot.baseUrl() + path))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), path + ": " + response.body());
        return JSON.readTree(response.body());
    }

    private static void await(String what, Duration within, Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (Boolean.TRUE.equals(condition.call())) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("not within " + within.toSeconds() + " s: " + what);
    }
}

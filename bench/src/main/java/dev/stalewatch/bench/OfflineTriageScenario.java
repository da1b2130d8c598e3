package dev.stalewatch.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.stalewatch.bench.BenchTable.Outcome;

/** Offline triage: {@code jobctl triage --batch} on N Python pairs taken round-robin from the labelled corpus. */
final class OfflineTriageScenario {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path root;
    private final Path logs;
    private final Sizes sizes;
    private int pairsDecided;
    private double seconds;
    private String problem;
    private Map<String, Integer> proofsByRules = Map.of();

    /** Runs before the stack starts: an offline tool, measured while nothing else runs. */
    OfflineTriageScenario(Path root, Sizes sizes) {
        this.root = root;
        this.logs = root.resolve("bench/target/bench-logs");
        this.sizes = sizes;
    }

    void run() throws Exception {
        Files.createDirectories(logs);
        Path corpus = root.resolve("triage-core/src/test/resources/corpus/python-pairs.jsonl");
        List<String> lines = Files.readAllLines(corpus, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank())
                .toList();
        Path pairs = logs.resolve("triage-pairs.jsonl");
        int n = sizes.triagePairs();
        try (BufferedWriter out = Files.newBufferedWriter(pairs, StandardCharsets.UTF_8)) {
            for (int i = 0; i < n; i++) {
                JsonNode source = JSON.readTree(lines.get(i % lines.size()));
                ObjectNode pair = JSON.createObjectNode();
                pair.put("id", "p" + i);
                pair.put("language", "python");
                pair.put("old", source.get("old").asText());
                pair.put("new", source.get("new").asText());
                out.write(JSON.writeValueAsString(pair));
                out.write('\n');
            }
        }
        Path result = logs.resolve("triage-results.jsonl");
        ProcessBuilder builder = new ProcessBuilder(root.resolve("jobctl").toString(), "triage", "--batch",
                pairs.toString()).redirectOutput(result.toFile())
                .redirectError(logs.resolve("triage-stderr.txt").toFile());
        builder.environment().put("NO_COLOR", "1");
        Progress.say("offline triage: %,d pairs (%,d distinct in the corpus)", n, lines.size());
        long t = System.nanoTime();
        Process p = builder.start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("jobctl triage --batch did not finish in 10 minutes");
        }
        seconds = (System.nanoTime() - t) / 1e9;
        pairsDecided = n;
        long answered = Files.lines(result).filter(l -> !l.isBlank()).count();
        proofsByRules = proofsByRules(result);
        if (p.exitValue() > 1 || answered < n) {
            problem = "offline triage: jobctl exited " + p.exitValue() + " with " + answered + " answers for " + n
                    + " pairs; see " + result;
        }
        Progress.say("offline triage: %,d pairs in %.2f s: %,.0f pairs/s (exit %d); proofs by rules needed: %s", n,
                seconds, n / seconds, p.exitValue(), proofsByRules);
    }

    /** How many answers were proven with which rules ("equal trees" when none was needed). */
    private static Map<String, Integer> proofsByRules(Path result) throws IOException {
        Map<String, Integer> counts = new TreeMap<>();
        for (String line : Files.readAllLines(result, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode answer = JSON.readTree(line);
            if (!"STRUCTURAL".equals(answer.path("method").asText())) {
                continue;
            }
            List<String> rules = new ArrayList<>();
            answer.path("rules").forEach(rule -> rules.add(rule.asText()));
            counts.merge(rules.isEmpty() ? "equal trees" : String.join("+", rules), 1, Integer::sum);
        }
        return counts;
    }

    /** Its row, where the table lists it; nothing when it did not run. */
    void report(BenchTable table) {
        if (pairsDecided == 0) {
            return;
        }
        if (problem != null) {
            table.note(problem);
        }
        double rate = pairsDecided / seconds;
        table.add("offline triage: jobctl triage --batch, " + Stats.count(pairsDecided) + " Python pairs",
                "pairs/s (wall time incl. JVM start: " + Stats.seconds(seconds) + "; before the stack starts; "
                        + "structural proofs by rules needed: " + proofsByRules + ")",
                Stats.count(rate), "", "", "≥ 2,000 pairs/s", Outcome.of(rate >= 2000));
    }
}

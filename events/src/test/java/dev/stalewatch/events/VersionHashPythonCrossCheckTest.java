package dev.stalewatch.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The Python implementation, the one of the {@code stalewatch} package (worker-python/) which
 * docs/workers.md quotes, computes the same hashes as {@link VersionHash}.
 */
class VersionHashPythonCrossCheckTest {

  private static final Path SCRIPT = Path.of("..", "worker-python", "src", "stalewatch", "hashing.py");
  private static final String REFERENCE_BEGIN = "# --- reference begin ---\n";
  private static final String REFERENCE_END = "# --- reference end ---";

  private record Case(String language, Source source, List<Dep> deps) {}

  @Test
  void pythonReferenceComputesTheSameHashesAsJava() throws Exception {
    assertTrue(pythonAvailable(), "python3 is needed (.ci/run installs Debian's)");
    List<Case> cases = cases();

    List<String> python = runPython(cases);

    List<String> java = cases.stream().map(c -> VersionHash.compute(c.language(), c.source(), c.deps())).toList();
    assertEquals(java, python);
  }

  @Test
  void workersGuideQuotesThePythonReferenceVerbatim() throws Exception {
    String script = Files.readString(script());
    String reference =
        script.substring(script.indexOf(REFERENCE_BEGIN) + REFERENCE_BEGIN.length(), script.indexOf(REFERENCE_END));
    String guide = Files.readString(Path.of("..", "docs", "workers.md"));

    assertTrue(guide.contains(reference), "docs/workers.md must contain the function from " + SCRIPT);
  }

  /** The frozen vectors plus seeded random cases covering multi-byte text and many deps. */
  private static List<Case> cases() {
    List<Case> cases = new ArrayList<>();
    cases.add(new Case("python", VersionHashTest.Vectors.MINIMAL_SOURCE, List.of()));
    VersionObserved example = SampleEvents.versionObserved();
    cases.add(new Case(example.language(), example.source(), example.deps()));
    cases.add(new Case("python", new Source("f", "pass"), VersionHashTest.unicodeNamedDeps()));
    cases.add(new Case("sql", new Source("q", ""), List.of()));
    Random random = new Random(20261127);
    for (int i = 0; i < 50; i++) {
      cases.add(randomCase(random));
    }
    return cases;
  }

  private static Case randomCase(Random random) {
    List<Dep> deps = new ArrayList<>();
    int count = random.nextInt(6);
    for (int i = 0; i < count; i++) {
      String name = "dep" + i + randomText(random, 3);
      deps.add(
          random.nextBoolean()
              ? Dep.code(name, "python", randomText(random, 200))
              : Dep.text(name, randomText(random, 200)));
    }
    return new Case("python", new Source(randomText(random, 10), randomText(random, 2000)), deps);
  }

  /** Text from ASCII, Latin, CJK and emoji, so 1- to 4-byte UTF-8 sequences all occur. */
  private static String randomText(Random random, int maxLength) {
    int[] alphabet = {'a', 'Z', '\n', '"', '\\', 0xE9, 0x20AC, 0x4E2D, 0xE000, 0x1F600, 0x10FFFF};
    StringBuilder text = new StringBuilder();
    int length = random.nextInt(maxLength + 1);
    for (int i = 0; i < length; i++) {
      text.appendCodePoint(alphabet[random.nextInt(alphabet.length)]);
    }
    return text.toString();
  }

  private static List<String> runPython(List<Case> cases) throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder("python3", script().toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    try (OutputStream stdin = process.getOutputStream()) {
      new ObjectMapper().writeValue(stdin, cases.stream().map(VersionHashPythonCrossCheckTest::asJson).toList());
    }
    String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "python3 did not finish");
    assertEquals(0, process.exitValue(), "python3 failed");
    return stdout.lines().toList();
  }

  /** The case in the wire shape of VersionObserved's language, source and deps. */
  private static Map<String, Object> asJson(Case c) {
    List<Map<String, Object>> deps =
        c.deps().stream()
            .map(
                dep -> {
                  Map<String, Object> json = new LinkedHashMap<>();
                  json.put("name", dep.name());
                  json.put("kind", dep.kind().wireName());
                  if (dep.language() != null) {
                    json.put("language", dep.language());
                  }
                  json.put("text", dep.text());
                  return json;
                })
            .toList();
    return Map.of(
        "language", c.language(),
        "source", Map.of("name", c.source().name(), "text", c.source().text()),
        "deps", deps);
  }

  private static boolean pythonAvailable() {
    try {
      Process process = new ProcessBuilder("python3", "--version").redirectErrorStream(true).start();
      process.getInputStream().readAllBytes();
      return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  private static Path script() {
    return SCRIPT;
  }
}

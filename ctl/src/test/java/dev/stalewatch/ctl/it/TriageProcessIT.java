package dev.stalewatch.ctl.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stalewatch.ctl.it.JobctlRun.Result;
import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jobctl triage} as a process: offline structural triage with triage-core. */
class TriageProcessIT {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String OLD =
      "def score(item, data):\n    limit = 10\n    return [x for x in data if x < limit]\n";

  @TempDir Path dir;

  private final JobctlRun jobctl = new JobctlRun(Map.of());

  private Path file(String name, String text) throws Exception {
    return Files.writeString(dir.resolve(name), text, UTF_8);
  }

  @Test
  void commentOnlyEditIsProvenCosmeticWithExit0() throws Exception {
    Path old = file("old.py", OLD);
    Path neu = file("new.py",
        "def score(item, data):\n    # keep small values only\n    limit = 10  # tuned\n"
            + "    return [x for x in data\n            if x < limit]\n");
    Result r = jobctl.run("triage", old.toString(), neu.toString());
    assertEquals(0, r.exitCode(), r::toString);
    assertEquals("COSMETIC (structural proof: only comments and layout changed: the syntax trees are the same "
        + "once they are set aside)\n", r.stdout());
    Result same = jobctl.run("triage", old.toString(), old.toString());
    assertEquals(0, same.exitCode(), same::toString);
    assertEquals("COSMETIC (identical)\n", same.stdout());
  }

  @Test
  void changedConstantIsUnprovenWithExit1NamingTheLine() throws Exception {
    Path old = file("old.py", OLD);
    Path neu = file("new.py", OLD.replace("limit = 10", "limit = 12"));
    Result r = jobctl.run("triage", old.toString(), neu.toString());
    assertEquals(1, r.exitCode(), r::toString);
    assertTrue(r.stdout().startsWith("UNPROVEN: 2: "), r::toString);
    assertTrue(r.stdout().contains("10") && r.stdout().contains("12"), r::toString);
    Result json = jobctl.run("triage", "--json", old.toString(), neu.toString());
    assertEquals(1, json.exitCode());
    JsonNode answer = MAPPER.readTree(json.stdout());
    assertEquals("UNPROVEN", answer.path("verdict").asText());
    assertTrue(answer.path("difference").asText().startsWith("2: "));
  }

  @Test
  void javaFilesAreComparedToo() throws Exception {
    Path old = file("Old.java", "class A { int f() { return 1; } }\n");
    Path neu = file("New.java", "class A {\n  // one\n  int f() {\n    return 1;\n  }\n}\n");
    assertEquals(0, jobctl.run("triage", old.toString(), neu.toString()).exitCode());
    Path changed = file("Changed.java", "class A {\n  int f() {\n    return 2;\n  }\n}\n");
    Result r = jobctl.run("triage", old.toString(), changed.toString());
    assertEquals(1, r.exitCode(), r::toString);
    assertTrue(r.stdout().startsWith("UNPROVEN: 3: "), r::toString);
  }

  @Test
  void unreadableFileOrUnknownLanguageIsExit2WithOneLine() throws Exception {
    Path old = file("old.py", OLD);
    Result missing = jobctl.run("triage", old.toString(), dir.resolve("missing.py").toString());
    assertEquals(2, missing.exitCode(), missing::toString);
    assertEquals(1, missing.stderrLines().size(), missing::toString);
    assertTrue(missing.stderr().contains("missing.py"));
    Result cobol = jobctl.run("triage", "--language", "cobol", old.toString(), old.toString());
    assertEquals(2, cobol.exitCode(), cobol::toString);
    assertEquals(1, cobol.stderrLines().size(), cobol::toString);
    Result guess = jobctl.run("triage", file("a.txt", "x").toString(), file("b.txt", "y").toString());
    assertEquals(2, guess.exitCode(), guess::toString);
  }

  @Test
  void batchOfTenThousandPairsAnswersEveryLineInOrderInOneJvm() throws Exception {
    int pairs = 10_000;
    Path input = dir.resolve("pairs.jsonl");
    try (BufferedWriter w = Files.newBufferedWriter(input, UTF_8)) {
      for (int i = 0; i < pairs; i++) {
        String old = "def stage_" + i + "(item, data):\n    total = 0\n    for x in data:\n"
            + "        total += x * " + i + "\n    return {'k': item, 'v': total}\n";
        String neu = switch (i % 4) {
          case 0 -> old.replace("    total = 0\n", "    # running sum\n    total = 0  # start\n");
          case 1 -> old.replace("x * " + i, "x * " + (i + 1));
          case 2 -> old;
          default -> old.replace("total", "subtotal").replace("):\n", "):\n    \"\"\"Sums.\"\"\"\n");
        };
        ObjectNode line = MAPPER.createObjectNode()
            .put("id", "p" + i).put("language", "python").put("old", old).put("new", neu);
        w.write(MAPPER.writeValueAsString(line));
        w.write('\n');
      }
    }
    Result r = jobctl.run("triage", "--batch", input.toString());
    assertEquals(0, r.exitCode(), () -> "exit " + r.exitCode() + ": " + r.stderr());
    List<String> lines = r.stdout().lines().toList();
    assertEquals(pairs, lines.size());
    for (int i = 0; i < pairs; i++) {
      JsonNode answer = MAPPER.readTree(lines.get(i));
      assertEquals("p" + i, answer.path("id").asText());
      switch (i % 4) {
        case 0 -> {
          assertEquals("COSMETIC", answer.path("verdict").asText(), lines.get(i));
          assertEquals("STRUCTURAL", answer.path("method").asText(), lines.get(i));
          assertEquals(0, answer.path("rules").size(), lines.get(i));
        }
        case 1 -> {
          assertEquals("UNPROVEN", answer.path("verdict").asText(), lines.get(i));
          assertTrue(answer.path("difference").asText().startsWith("4: "), lines.get(i));
        }
        case 2 -> assertEquals("IDENTICAL", answer.path("method").asText(), lines.get(i));
        default -> {
          assertEquals("STRUCTURAL", answer.path("method").asText(), lines.get(i));
          assertEquals("[\"DOCSTRINGS\",\"LOCAL_RENAMES\"]", answer.path("rules").toString(), lines.get(i));
          assertEquals("only docstrings changed, and local names renamed: total → subtotal",
              answer.path("reason").asText(), lines.get(i));
        }
      }
    }
    System.out.printf("jobctl triage --batch: %d pairs in %d ms (JVM start included): %.0f pairs/s; jobctl says: %s%n",
        pairs, r.millis(), pairs * 1000.0 / r.millis(), r.stderr().strip());
    assertTrue(r.stderr().matches("triage: 10000 pairs in [0-9.]+ s \\([0-9]+ pairs/s\\)\\s*"), r.stderr());
  }

  @Test
  void batchLineThatCannotBeReadGetsAnErrorLineAndExit2() throws Exception {
    Path input = file("bad.jsonl",
        "{\"id\":\"a\",\"language\":\"python\",\"old\":\"x = 1\\n\",\"new\":\"x = 1  # c\\n\"}\n"
            + "not json\n"
            + "{\"id\":\"c\",\"language\":\"cobol\",\"old\":\"\",\"new\":\"\"}\n");
    Result r = jobctl.run("triage", "--batch", input.toString());
    assertEquals(2, r.exitCode(), r::toString);
    List<String> lines = r.stdout().lines().toList();
    assertEquals(3, lines.size(), r::toString);
    assertEquals("COSMETIC", MAPPER.readTree(lines.get(0)).path("verdict").asText());
    assertTrue(MAPPER.readTree(lines.get(1)).hasNonNull("error"));
    assertEquals("c", MAPPER.readTree(lines.get(2)).path("id").asText());
    assertTrue(MAPPER.readTree(lines.get(2)).path("error").asText().contains("cobol"));
  }
}

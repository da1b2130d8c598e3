package dev.stalewatch.ctl.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stalewatch.ctl.CtlException;
import dev.stalewatch.ctl.ExitCodes;
import dev.stalewatch.ctl.Jobctl;
import dev.stalewatch.ctl.client.Json;
import dev.stalewatch.triage.CodeSnapshot;
import dev.stalewatch.triage.Difference;
import dev.stalewatch.triage.OfflineDecision;
import dev.stalewatch.triage.OfflineTriage;
import dev.stalewatch.triage.StructuralComparators;
import dev.stalewatch.triage.Unit;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "triage",
    description = {
      "Decide offline whether a code change is cosmetic.",
      "Structural triage as triage-service does it before asking an LLM: prints COSMETIC",
      "(identical), COSMETIC (structural proof: REASON naming the rules it needed) or",
      "UNPROVEN: LINE: first difference. Exit 0 proven cosmetic, 1 unproven, 2 error.",
      "--batch FILE.jsonl reads {\"id\",\"language\",\"old\",\"new\"} lines and writes one",
      "{\"id\",\"verdict\",\"method\",\"rules\",\"reason\",\"difference\"} line for each."
    })
public final class TriageCommand implements Callable<Integer> {

  @ParentCommand Jobctl root;

  @Parameters(arity = "0..2", paramLabel = "FILE", description = "OLD NEW")
  List<Path> files = List.of();

  @Option(
      names = "--language",
      paramLabel = "python|java",
      description = "the files' language (default: from the file extension)")
  String language;

  @Option(names = "--batch", paramLabel = "FILE.jsonl", description = "triage many pairs in one run ('-': stdin)")
  String batch;

  @Option(
      names = "--threads",
      paramLabel = "N",
      description = "--batch: pairs decided at once (default: the number of processors)")
  int threads = Runtime.getRuntime().availableProcessors();

  @Option(names = "--json", description = "print {\"verdict\",\"method\",\"rules\",\"reason\",\"difference\"} as JSON")
  boolean json;

  @Override
  public Integer call() {
    if (batch != null) {
      if (!files.isEmpty()) {
        throw CtlException.usage("--batch reads its pairs from the file: give no OLD NEW");
      }
      return new Batch().run();
    }
    if (files.size() != 2) {
      throw CtlException.usage("give OLD and NEW files, or --batch FILE.jsonl");
    }
    Path oldFile = files.get(0);
    Path newFile = files.get(1);
    String lang = checkedLanguage(language != null ? language : languageOf(oldFile, newFile));
    String oldText = ObserveCommand.read(oldFile);
    String newText = ObserveCommand.read(newFile);
    OfflineDecision decision = decide(lang, name(oldFile), oldText, name(newFile), newText);
    PrintWriter out = root.io().out();
    if (json) {
      out.println(Json.write(result(null, decision)));
    } else {
      out.println(text(decision));
    }
    return decision.proven() ? ExitCodes.OK : ExitCodes.NO;
  }

  static OfflineDecision decide(String lang, String oldName, String oldText, String newName, String newText) {
    return OfflineTriage.decide(
        new CodeSnapshot(lang, new Unit(oldName, oldText), List.of()),
        new CodeSnapshot(lang, new Unit(newName, newText), List.of()));
  }

  static String text(OfflineDecision decision) {
    return switch (decision.outcome()) {
      case IDENTICAL -> "COSMETIC (identical)";
      case STRUCTURAL -> "COSMETIC (structural proof: " + decision.reason().orElseThrow() + ")";
      case NOT_PROVEN -> "UNPROVEN: " + difference(decision.firstDifference().orElseThrow());
    };
  }

  /** "LINE: description": the new version's line, or the old one's where the new has none. */
  static String difference(Difference d) {
    int line = d.newLine() > 0 ? d.newLine() : d.oldLine();
    return line + ": " + d.description();
  }

  static ObjectNode result(String id, OfflineDecision decision) {
    ObjectNode node = Json.object();
    if (id != null) {
      node.put("id", id);
    }
    node.put("verdict", decision.proven() ? "COSMETIC" : "UNPROVEN");
    if (decision.proven()) {
      node.put("method", decision.outcome().name());
      ArrayNode rules = node.putArray("rules");
      decision.proof().ifPresent(proof -> proof.rules().stream().sorted().forEach(r -> rules.add(r.name())));
      node.put("reason", decision.reason().orElseThrow());
      node.putNull("difference");
    } else {
      node.putNull("method");
      node.putArray("rules");
      node.putNull("reason");
      node.put("difference", difference(decision.firstDifference().orElseThrow()));
    }
    return node;
  }

  static String checkedLanguage(String lang) {
    if (StructuralComparators.forLanguage(lang).isEmpty()) {
      throw CtlException.usage("unknown language '" + lang + "': python or java");
    }
    return lang.strip().toLowerCase(Locale.ROOT);
  }

  private static String languageOf(Path oldFile, Path newFile) {
    String a = extensionLanguage(oldFile);
    String b = extensionLanguage(newFile);
    String lang = a != null ? a : b;
    if (lang == null) {
      throw CtlException.usage("cannot tell the language of " + oldFile + ": pass --language python|java");
    }
    return lang;
  }

  private static String extensionLanguage(Path file) {
    String name = file.getFileName().toString();
    return name.endsWith(".py") ? "python" : name.endsWith(".java") ? "java" : null;
  }

  private static String name(Path file) {
    return file.getFileName().toString();
  }

  /** One JSON line in, one JSON line out, in one JVM; the rate goes to stderr. */
  private final class Batch {

    int run() {
      if (threads < 1) {
        throw CtlException.usage("--threads must be at least 1");
      }
      if (language != null) {
        checkedLanguage(language);
      }
      long started = System.nanoTime();
      long pairs = 0;
      long errors = 0;
      PrintWriter out = root.io().out();
      try (BufferedReader in = open()) {
        // pairs are independent and triage-core is thread-safe: decide them on every core,
        // write the answers in input order
        ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
          Thread thread = new Thread(runnable, "triage");
          thread.setDaemon(true);
          return thread;
        });
        try {
          ArrayDeque<Future<ObjectNode>> inFlight = new ArrayDeque<>();
          int window = threads * 64;
          String line;
          int lineNumber = 0;
          while ((line = in.readLine()) != null) {
            lineNumber++;
            if (line.isBlank()) {
              continue;
            }
            pairs++;
            String text = line;
            int number = lineNumber;
            inFlight.add(pool.submit(() -> one(text, number)));
            if (inFlight.size() >= window) {
              errors += write(out, inFlight.poll());
            }
          }
          while (!inFlight.isEmpty()) {
            errors += write(out, inFlight.poll());
          }
        } finally {
          pool.shutdownNow();
        }
      } catch (IOException e) {
        throw CtlException.usage("cannot read " + batch + " (" + e.getMessage() + ")");
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      root.io().err().printf(Locale.ROOT, "triage: %d pairs in %.2f s (%.0f pairs/s)%s%n", pairs, seconds,
          pairs / Math.max(seconds, 1e-9), errors == 0 ? "" : ", " + errors + " unreadable");
      return errors == 0 ? ExitCodes.OK : ExitCodes.USAGE;
    }

    private int write(PrintWriter out, Future<ObjectNode> pending) {
      ObjectNode answer;
      try {
        answer = pending.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CtlException(ExitCodes.USAGE, "interrupted");
      } catch (ExecutionException e) {
        throw new IllegalStateException(e.getCause());
      }
      out.write(Json.write(answer));
      out.write('\n');
      return answer.has("error") ? 1 : 0;
    }

    private BufferedReader open() throws IOException {
      if ("-".equals(batch)) {
        return new BufferedReader(new java.io.InputStreamReader(System.in, StandardCharsets.UTF_8), 1 << 16);
      }
      Path path = Path.of(batch);
      if (!Files.isReadable(path)) {
        throw CtlException.usage("cannot read " + batch);
      }
      return Files.newBufferedReader(path, StandardCharsets.UTF_8);
    }

    private ObjectNode one(String line, int lineNumber) {
      String id = null;
      try {
        JsonNode pair = Json.read(line);
        id = Json.text(pair, "id");
        String lang = Json.text(pair, "language");
        lang = checkedLanguage(lang != null ? lang : language != null ? language : "");
        String oldText = Json.text(pair, "old");
        String newText = Json.text(pair, "new");
        if (oldText == null || newText == null) {
          throw CtlException.usage("\"old\" and \"new\" are required");
        }
        return result(id == null ? "line " + lineNumber : id, decide(lang, "old", oldText, "new", newText));
      } catch (IOException | RuntimeException e) {
        ObjectNode error = Json.object();
        error.put("id", id == null ? "line " + lineNumber : id);
        error.putNull("verdict");
        error.putNull("method");
        error.putNull("difference");
        error.put("error", e instanceof CtlException ? e.getMessage() : "line " + lineNumber + ": "
            + e.getClass().getSimpleName() + ": " + e.getMessage());
        return error;
      }
    }
  }

}

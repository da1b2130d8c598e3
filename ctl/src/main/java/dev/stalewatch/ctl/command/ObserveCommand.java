package dev.stalewatch.ctl.command;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stalewatch.ctl.CtlException;
import dev.stalewatch.ctl.ExitCodes;
import dev.stalewatch.ctl.Jobctl;
import dev.stalewatch.ctl.client.Json;
import dev.stalewatch.ctl.client.KafkaObservationPublisher;
import dev.stalewatch.events.Dep;
import dev.stalewatch.events.EventCodec;
import dev.stalewatch.events.EventValidationException;
import dev.stalewatch.events.Source;
import dev.stalewatch.events.Topics;
import dev.stalewatch.events.VersionHash;
import dev.stalewatch.events.VersionObserved;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "observe",
    description = {
      "Report a stage's version as a worker does.",
      "Publishes one VersionObserved: to Kafka by default, POST /api/observations with --via http.",
      "Without --hash the stalewatch-sha256-v1 hash of source and deps is computed; without",
      "--source it is a histogram-only report of --hash."
    })
public final class ObserveCommand implements Callable<Integer> {

  public enum Via {
    KAFKA,
    HTTP
  }

  @ParentCommand Jobctl root;

  @Option(names = "--job", required = true, paramLabel = "JOB") String job;

  @Option(names = "--stage", required = true, paramLabel = "STAGE") String stage;

  @Option(names = "--source", paramLabel = "FILE", description = "the stage function's source file")
  Path source;

  @Option(
      names = "--source-name",
      paramLabel = "NAME",
      description = "the stage function's name (default: the file name without extension)")
  String sourceName;

  @Option(
      names = "--dep",
      paramLabel = "NAME=FILE",
      description = "helper code the stage uses, compared structurally (repeatable)")
  Map<String, Path> codeDeps = new LinkedHashMap<>();

  @Option(
      names = "--text-dep",
      paramLabel = "NAME=FILE",
      description = "a prompt, model name or constant, compared byte for byte (repeatable)")
  Map<String, Path> textDeps = new LinkedHashMap<>();

  @Option(
      names = "--language",
      paramLabel = "L",
      description = "language of source and code deps (default: from the source file's extension)")
  String language;

  @Option(
      names = "--result-version",
      paramLabel = "HASH=COUNT",
      description = "stored results per version hash (repeatable)")
  Map<String, Long> resultVersions = new LinkedHashMap<>();

  @Option(names = "--hash", paramLabel = "H", description = "the pipeline's own version hash")
  String hash;

  @Option(
      names = "--hash-algorithm",
      paramLabel = "A",
      description = "how --hash was made (default " + VersionHash.ALGORITHM + ")")
  String hashAlgorithm;

  @Option(names = "--worker-id", paramLabel = "ID", defaultValue = "jobctl") String workerId;

  @Option(
      names = "--via",
      paramLabel = "kafka|http",
      defaultValue = "kafka",
      description = "kafka (default) or http")
  Via via;

  @Option(
      names = "--bootstrap-servers",
      paramLabel = "HOST:PORT",
      description = "Kafka (default: KAFKA_BOOTSTRAP_SERVERS or 'bootstrap-servers' in the config file)")
  String bootstrapServers;

  @Option(names = "--json", description = "print what was published as JSON")
  boolean json;

  @Override
  public Integer call() {
    StageArgs.checked("--job", job);
    StageArgs.checked("--stage", stage);
    VersionObserved observed = build();
    byte[] value;
    try {
      value = new EventCodec().encode(observed);
    } catch (EventValidationException e) {
      throw CtlException.usage("the report is not valid: " + e.getMessage());
    }
    String where;
    if (via == Via.HTTP) {
      var answer = root.clientWithToken().observe(value);
      where = "snapshot-service at " + root.client().baseUrl() + " (" + answer.status() + ")";
    } else {
      String servers = root.config().bootstrapServers(bootstrapServers);
      if (servers == null) {
        throw CtlException.usage("no Kafka: pass --bootstrap-servers, set KAFKA_BOOTSTRAP_SERVERS,"
            + " put 'bootstrap-servers = ...' in " + root.config().filePath() + ", or use --via http");
      }
      where = Topics.VERSION_OBSERVED + " at " + servers + ", "
          + KafkaObservationPublisher.publish(servers, observed.key(), value);
    }
    PrintWriter out = root.io().out();
    if (json) {
      ObjectNode result = Json.object();
      result.put("eventId", observed.eventId());
      result.put("jobId", job);
      result.put("stage", stage);
      result.put("versionHash", observed.versionHash());
      result.put("hashAlgorithm", observed.hashAlgorithm());
      result.put("histogramOnly", !observed.hasSource());
      result.put("via", via.name().toLowerCase());
      out.println(Json.write(result));
    } else {
      out.println((observed.hasSource() ? "Reported " : "Reported histogram of ") + job + "/" + stage
          + " version " + observed.versionHash() + " (" + observed.hashAlgorithm() + ") to " + where
          + "; event " + observed.eventId());
    }
    return ExitCodes.OK;
  }

  VersionObserved build() {
    if (!resultVersions.isEmpty()) {
      resultVersions.forEach((h, n) -> {
        if (n < 0) {
          throw CtlException.usage("--result-version " + h + "=" + n + ": counts must be >= 0");
        }
      });
    }
    if (hashAlgorithm != null && hash == null) {
      throw CtlException.usage("--hash-algorithm needs --hash");
    }
    String algorithm = hashAlgorithm == null ? VersionHash.ALGORITHM : hashAlgorithm;
    if (source == null) {
      if (!codeDeps.isEmpty() || !textDeps.isEmpty() || sourceName != null) {
        throw CtlException.usage("deps and --source-name need --source");
      }
      if (hash == null) {
        throw CtlException.usage("pass --source FILE (a full report) or --hash H (a histogram-only report)");
      }
      return VersionObserved.histogramOnly(job, stage, hash, algorithm, resultVersions, workerId);
    }
    String lang = language != null ? language : languageOf(source);
    Source src = new Source(sourceName != null ? sourceName : stem(source), read(source));
    List<Dep> deps = new ArrayList<>();
    codeDeps.forEach((name, file) -> deps.add(Dep.code(name, lang, read(file))));
    textDeps.forEach((name, file) -> {
      if (codeDeps.containsKey(name)) {
        throw CtlException.usage("dep " + name + " is given twice");
      }
      deps.add(Dep.text(name, read(file)));
    });
    String computed;
    try {
      computed = VersionHash.compute(lang, src, deps);
    } catch (IllegalArgumentException e) {
      throw CtlException.usage(e.getMessage());
    }
    if (hash == null) {
      return VersionObserved.create(job, stage, computed, VersionHash.ALGORITHM, lang, src, deps,
          resultVersions, workerId);
    }
    if (VersionHash.ALGORITHM.equals(algorithm) && !computed.equals(hash)) {
      throw CtlException.usage("--hash " + hash + " is not the " + VersionHash.ALGORITHM + " hash of this"
          + " source and deps (" + computed + "); name your algorithm with --hash-algorithm");
    }
    return VersionObserved.create(job, stage, hash, algorithm, lang, src, deps, resultVersions, workerId);
  }

  static String languageOf(Path file) {
    String name = file.getFileName().toString();
    if (name.endsWith(".py")) {
      return "python";
    }
    if (name.endsWith(".java")) {
      return "java";
    }
    throw CtlException.usage("cannot tell the language of " + file + ": pass --language");
  }

  private static String stem(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }

  /** The file's text exactly: strict UTF-8, no newline conversion. */
  static String read(Path file) {
    try {
      byte[] bytes = Files.readAllBytes(file);
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw CtlException.usage(file + " is not UTF-8 text");
    } catch (IOException e) {
      throw CtlException.usage("cannot read " + file + " (" + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
    }
  }
}

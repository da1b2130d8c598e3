package dev.stalewatch.deploy;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a service's {@code application.properties} (its own source of truth, unprofiled lines)
 * says the manifests must match: HTTP port, health paths, the environment variables it reads,
 * its database schema, and the topics it consumes (from its sources: {@code consume(Topics.X, …)}).
 */
record ServiceConfig(
    String service,
    Map<String, String> properties,
    int httpPort,
    String healthRoot,
    Set<String> environmentVariables,
    List<String> schemas,
    Set<String> consumedTopicConstants) {

  private static final Pattern ENV_REF = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::[^}]*)?}");
  private static final Pattern CONSUME = Pattern.compile("consume\\(\\s*Topics\\.([A-Z_]+)");

  static ServiceConfig of(String service) {
    return of(service, Repo.read(Repo.ROOT.resolve(service).resolve("src/main/resources/application.properties")));
  }

  static ServiceConfig of(String service, String text) {
    Properties raw = new Properties();
    try {
      raw.load(new StringReader(text));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, String> props = new LinkedHashMap<>();
    raw.stringPropertyNames().stream().filter(k -> !k.startsWith("%")).sorted()
        .forEach(k -> props.put(k, raw.getProperty(k)));
    Set<String> env = new LinkedHashSet<>();
    props.values().forEach(v -> {
      Matcher m = ENV_REF.matcher(v);
      while (m.find()) {
        env.add(m.group(1));
      }
    });
    int port = Integer.parseInt(props.getOrDefault("quarkus.http.port", "8080"));
    String nonApp = props.getOrDefault("quarkus.http.non-application-root-path", "q");
    String root = props.getOrDefault("quarkus.smallrye-health.root-path", "health");
    String healthRoot = root.startsWith("/") ? root : "/" + strip(nonApp) + "/" + root;
    List<String> schemas = List.of(props.getOrDefault("quarkus.flyway.schemas", "").split("\\s*,\\s*"));
    return new ServiceConfig(service, props, port, healthRoot, env, schemas, consumed(service));
  }

  private static Set<String> consumed(String service) {
    Set<String> topics = new LinkedHashSet<>();
    Path sources = Repo.ROOT.resolve(service).resolve("src/main/java");
    if (!Files.isDirectory(sources)) {
      return topics;
    }
    try (Stream<Path> files = Files.walk(sources)) {
      files.filter(p -> p.toString().endsWith(".java")).forEach(p -> {
        Matcher m = CONSUME.matcher(Repo.read(p));
        while (m.find()) {
          topics.add(m.group(1));
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return topics;
  }

  private static String strip(String path) {
    return path.replaceAll("^/+|/+$", "");
  }

  String livePath() {
    return healthRoot + "/live";
  }

  String readyPath() {
    return healthRoot + "/ready";
  }

  String startedPath() {
    return healthRoot + "/started";
  }
}

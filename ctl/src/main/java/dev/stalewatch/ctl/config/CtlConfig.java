package dev.stalewatch.ctl.config;

import dev.stalewatch.ctl.CtlException;
import dev.stalewatch.ctl.Io;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where jobctl finds snapshot-service, its token and Kafka: a flag wins over the environment
 * ({@code STALEWATCH_URL}, {@code STALEWATCH_TOKEN}, {@code KAFKA_BOOTSTRAP_SERVERS}), which wins
 * over the config file {@code $XDG_CONFIG_HOME/stalewatch/config} (default {@code
 * ~/.config/stalewatch/config}) with {@code key = value} lines: {@code url}, {@code token}, {@code
 * bootstrap-servers}; {@code #} starts a comment.
 */
public final class CtlConfig {

  public static final String DEFAULT_URL = "http://localhost:8081";

  private final Map<String, String> file;
  private final Path filePath;
  private final Io io;

  private CtlConfig(Io io, Path filePath, Map<String, String> file) {
    this.io = io;
    this.filePath = filePath;
    this.file = file;
  }

  public static CtlConfig load(Io io) {
    Path path = configFile(io);
    return new CtlConfig(io, path, read(path));
  }

  public static Path configFile(Io io) {
    String explicit = io.env("STALEWATCH_CONFIG");
    if (explicit != null) {
      return Path.of(explicit);
    }
    String xdg = io.env("XDG_CONFIG_HOME");
    Path base = xdg != null ? Path.of(xdg) : io.home().resolve(".config");
    return base.resolve("stalewatch").resolve("config");
  }

  /** The base URL of snapshot-service, without a trailing slash. */
  public String url(String flag) {
    String url = first(flag, io.env("STALEWATCH_URL"), file.get("url"), DEFAULT_URL);
    url = url.strip();
    while (url.endsWith("/")) {
      url = url.substring(0, url.length() - 1);
    }
    if (!url.startsWith("http://") && !url.startsWith("https://")) {
      throw CtlException.usage("the snapshot-service URL must start with http:// or https://, was '" + url + "'");
    }
    return url;
  }

  /** The bearer token, or null when none is configured. */
  public String token(String flag) {
    return first(flag, io.env("STALEWATCH_TOKEN"), file.get("token"), null);
  }

  public String bootstrapServers(String flag) {
    return first(flag, io.env("KAFKA_BOOTSTRAP_SERVERS"), file.get("bootstrap-servers"), null);
  }

  public Path filePath() {
    return filePath;
  }

  private static String first(String... candidates) {
    for (String c : candidates) {
      if (c != null && !c.isBlank()) {
        return c.strip();
      }
    }
    return null;
  }

  static Map<String, String> read(Path path) {
    Map<String, String> values = new LinkedHashMap<>();
    if (!Files.isRegularFile(path)) {
      return values;
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw CtlException.usage("cannot read the config file " + path + ": " + e.getMessage());
    }
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int eq = line.indexOf('=');
      if (eq <= 0) {
        throw CtlException.usage(
            path + " line " + (i + 1) + ": expected 'key = value' (url, token, bootstrap-servers)");
      }
      values.put(line.substring(0, eq).strip(), unquote(line.substring(eq + 1).strip()));
    }
    return values;
  }

  private static String unquote(String value) {
    if (value.length() >= 2
        && (value.startsWith("\"") && value.endsWith("\"")
            || value.startsWith("'") && value.endsWith("'"))) {
      return value.substring(1, value.length() - 1);
    }
    return value;
  }
}

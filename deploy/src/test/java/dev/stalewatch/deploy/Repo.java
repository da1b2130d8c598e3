package dev.stalewatch.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Paths in the repository, seen from the deploy module (Surefire runs in deploy/). */
final class Repo {

  /** The services that run on Kubernetes. */
  static final List<String> SERVICES = List.of("snapshot-service", "triage-service", "notifier-service");

  static final Path MODULE = Path.of("").toAbsolutePath();
  static final Path ROOT = MODULE.getParent();
  static final Path K8S = MODULE.resolve("k8s");
  static final Path BROKEN = MODULE.resolve("src/test/resources/broken");

  private Repo() {}

  static Path overlay(String name) {
    return K8S.resolve("overlays").resolve(name);
  }

  static String read(Path path) {
    try {
      return Files.readString(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

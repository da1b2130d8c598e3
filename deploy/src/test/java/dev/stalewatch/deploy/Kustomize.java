package dev.stalewatch.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Renders a kustomization with {@code kubectl kustomize} (or a standalone {@code kustomize}).
 * Where neither is installed it says so in one line and answers empty; the raw files are then
 * still validated one by one.
 */
final class Kustomize {

  private static volatile Boolean announced = false;

  private Kustomize() {}

  static Optional<String> render(Path dir) {
    for (List<String> command :
        List.of(List.of("kubectl", "kustomize", dir.toString()), List.of("kustomize", "build", dir.toString()))) {
      Optional<String> out = run(command);
      if (out.isPresent()) {
        return out;
      }
    }
    synchronized (Kustomize.class) {
      if (!announced) {
        System.out.println(
            "kubectl/kustomize not found: overlays not rendered, every raw file under deploy/k8s validated instead");
        announced = true;
      }
    }
    return Optional.empty();
  }

  static boolean available() {
    return run(List.of("kubectl", "version", "--client")).isPresent()
        || run(List.of("kustomize", "version")).isPresent();
  }

  private static Optional<String> run(List<String> command) {
    Process p;
    try {
      p = new ProcessBuilder(command).redirectErrorStream(false).start();
    } catch (IOException notInstalled) {
      return Optional.empty();
    }
    try {
      byte[] out = p.getInputStream().readAllBytes();
      byte[] err = p.getErrorStream().readAllBytes();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("timed out: " + command);
      }
      if (p.exitValue() != 0) {
        // installed but refused the kustomization: that is a failure of the manifests
        throw new IllegalStateException(
            String.join(" ", command) + " failed: " + new String(err, StandardCharsets.UTF_8));
      }
      return Optional.of(new String(out, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}

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

  private static boolean announced;

  private Kustomize() {}

  /** kubectl older than 1.24 bundles a kustomize (v2/v3) that lacks fields these overlays use. */
  private static final int MIN_KUBECTL_MINOR = 24;

  static Optional<String> render(Path dir) {
    List<List<String>> commands = new java.util.ArrayList<>();
    if (kubectlRecentEnough()) {
      commands.add(List.of("kubectl", "kustomize", dir.toString()));
    }
    commands.add(List.of("kustomize", "build", dir.toString()));
    for (List<String> command : commands) {
      Optional<String> out = run(command);
      if (out.isPresent()) {
        return out;
      }
    }
    sayMissingOnce();
    return Optional.empty();
  }

  /** The one line that says rendering is impossible here. */
  static synchronized void sayMissingOnce() {
    if (!announced) {
      System.out.println(
          "kubectl/kustomize not found: overlays not rendered, every raw file under deploy/k8s validated instead");
      announced = true;
    }
  }

  static boolean available() {
    return kubectlRecentEnough() || run(List.of("kustomize", "version")).isPresent();
  }

  private static boolean kubectlRecentEnough() {
    Optional<String> version = run(List.of("kubectl", "version", "--client", "-o", "json"));
    if (version.isEmpty()) {
      return false;
    }
    java.util.regex.Matcher minor = java.util.regex.Pattern.compile("\"minor\"\\s*:\\s*\"(\\d+)").matcher(version.get());
    if (minor.find() && Integer.parseInt(minor.group(1)) >= MIN_KUBECTL_MINOR) {
      return true;
    }
    System.out.println("kubectl too old for these kustomizations (need 1." + MIN_KUBECTL_MINOR + "+): not used");
    return false;
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

package dev.stalewatch.ctl;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where a run of jobctl reads its environment and writes: stdout for the command's output only,
 * stderr for messages. Both UTF-8 whatever the locale, so source text and JSON pass through intact.
 *
 * @param stdoutIsTerminal whether stdout is a terminal (colour is only used then)
 */
public record Io(
    PrintWriter out, PrintWriter err, Map<String, String> env, Path home, boolean stdoutIsTerminal) {

  public static Io system() {
    PrintWriter out =
        new PrintWriter(
            new OutputStreamWriter(new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8),
            false);
    PrintWriter err =
        new PrintWriter(
            new OutputStreamWriter(new FileOutputStream(FileDescriptor.err), StandardCharsets.UTF_8),
            true);
    return new Io(
        out, err, System.getenv(), Path.of(System.getProperty("user.home")), System.console() != null);
  }

  public String env(String name) {
    String value = env.get(name);
    return value == null || value.isBlank() ? null : value;
  }
}

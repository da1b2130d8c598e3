package dev.stalewatch.ctl;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Runs jobctl in this JVM with captured stdout and stderr and a given environment. */
public final class InProcess {

  public record Run(int exitCode, String stdout, String stderr) {
    public List<String> stderrLines() {
      return stderr.isEmpty() ? List.of() : List.of(stderr.split("\n"));
    }

    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
    }
  }

  private InProcess() {}

  public static Run run(Map<String, String> env, Path home, boolean terminal, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Io io = new Io(new PrintWriter(out), new PrintWriter(err), env, home, terminal);
    int code = Jobctl.run(args, io);
    return new Run(code, out.toString(), err.toString());
  }

  public static Run run(Map<String, String> env, Path home, String... args) {
    return run(env, home, false, args);
  }
}

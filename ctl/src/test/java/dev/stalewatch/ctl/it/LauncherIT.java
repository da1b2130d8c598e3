package dev.stalewatch.ctl.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./jobctl} at the repository root runs the packaged jar and passes arguments and exit codes through. */
class LauncherIT {

  @TempDir Path dir;

  private record Ran(int exitCode, String stdout, String stderr) {}

  private Ran launch(String... args) throws Exception {
    String[] command = new String[args.length + 2];
    command[0] = "bash";
    command[1] = Path.of("..", "jobctl").toAbsolutePath().normalize().toString();
    System.arraycopy(args, 0, command, 2, args.length);
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectOutput(dir.resolve("out").toFile())
        .redirectError(dir.resolve("err").toFile());
    builder.environment().remove("JOBCTL_JAVA_OPTS");
    Process process = builder.start();
    assertTrue(process.waitFor(60, TimeUnit.SECONDS));
    return new Ran(process.exitValue(), Files.readString(dir.resolve("out"), UTF_8),
        Files.readString(dir.resolve("err"), UTF_8));
  }

  @Test
  void launcherPassesArgumentsStdoutAndExitCodesThrough() throws Exception {
    Path old = Files.writeString(dir.resolve("old.py"), "def f(x):\n    return x + 1\n", UTF_8);
    Path neu = Files.writeString(dir.resolve("new.py"), "def f(x):\n    return x + 2\n", UTF_8);
    Ran unproven = launch("triage", old.toString(), neu.toString());
    assertEquals(1, unproven.exitCode(), unproven::toString);
    assertTrue(unproven.stdout().startsWith("UNPROVEN: 2: "), unproven::toString);
    assertEquals("", unproven.stderr());

    Ran version = launch("--version");
    assertEquals(0, version.exitCode());
    assertTrue(version.stdout().startsWith("jobctl "), version::toString);

    Ran usage = launch("stale", "--no-such-flag");
    assertEquals(2, usage.exitCode(), usage::toString);
  }
}

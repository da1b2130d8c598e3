package dev.stalewatch.ctl;

import dev.stalewatch.ctl.client.StalewatchClient;
import dev.stalewatch.ctl.command.BlessCommand;
import dev.stalewatch.ctl.command.CompletionCommand;
import dev.stalewatch.ctl.command.CurrentCommand;
import dev.stalewatch.ctl.command.HistoryCommand;
import dev.stalewatch.ctl.command.ObserveCommand;
import dev.stalewatch.ctl.command.ResetCommand;
import dev.stalewatch.ctl.command.RetriageCommand;
import dev.stalewatch.ctl.command.ShowCommand;
import dev.stalewatch.ctl.command.StaleCommand;
import dev.stalewatch.ctl.command.TriageCommand;
import dev.stalewatch.ctl.command.UnblessCommand;
import dev.stalewatch.ctl.config.CtlConfig;
import dev.stalewatch.ctl.output.Style;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code jobctl}: the command line for Stalewatch. Plain picocli, no framework: it starts in a
 * fraction of a second and writes nothing to stdout but the command's output.
 */
@Command(
    name = "jobctl",
    mixinStandardHelpOptions = true,
    version = "jobctl 0.1.0 (Stalewatch)",
    description = "Which stored results went stale when the code changed, and what to do about it.",
    subcommands = {
      StaleCommand.class,
      ShowCommand.class,
      BlessCommand.class,
      UnblessCommand.class,
      ResetCommand.class,
      RetriageCommand.class,
      CurrentCommand.class,
      HistoryCommand.class,
      ObserveCommand.class,
      TriageCommand.class,
      CompletionCommand.class
    },
    footer = {
      "",
      "snapshot-service: --url, STALEWATCH_URL or 'url' in ~/.config/stalewatch/config.",
      "Decisions need a token: --token, STALEWATCH_TOKEN or 'token' in that file.",
      "Exit codes: 0 ok; 1 a \"no\" answer (unproven, nothing to decide, 409);",
      "2 usage or bad input; 3 service unreachable or refused."
    })
public final class Jobctl implements Callable<Integer> {

  @Option(
      names = "--url",
      scope = ScopeType.INHERIT,
      paramLabel = "URL",
      description = "snapshot-service base URL (default: STALEWATCH_URL, the config file, "
          + CtlConfig.DEFAULT_URL + ")")
  String url;

  @Option(
      names = "--token",
      scope = ScopeType.INHERIT,
      paramLabel = "TOKEN",
      description = "bearer token for decisions (default: STALEWATCH_TOKEN or the config file)")
  String token;

  @Option(
      names = "--color",
      scope = ScopeType.INHERIT,
      paramLabel = "WHEN",
      defaultValue = "auto",
      description = "auto (on a terminal, unless NO_COLOR is set), always or never")
  Style.When color;

  @Option(
      names = {"-v", "--verbose"},
      scope = ScopeType.INHERIT,
      description = "print stack traces and client logs on stderr")
  boolean verbose;

  @Spec CommandSpec spec;

  private final Io io;
  private CtlConfig config;
  private StalewatchClient client;

  public Jobctl(Io io) {
    this.io = io;
  }

  public static void main(String[] args) {
    for (String arg : args) {
      if (arg.equals("-v") || arg.equals("--verbose")) {
        // before any logger exists: client libraries (kafka-clients) then log at info, on stderr
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "info");
      }
    }
    Io io = Io.system();
    int code = run(args, io);
    io.out().flush();
    io.err().flush();
    System.exit(code);
  }

  /** Runs one command line; never exits the JVM (tests call this in-process). */
  public static int run(String[] args, Io io) {
    CommandLine cli = commandLine(io);
    try {
      return cli.execute(args);
    } finally {
      io.out().flush();
      io.err().flush();
    }
  }

  public static CommandLine commandLine(Io io) {
    Jobctl root = new Jobctl(io);
    CommandLine cli = new CommandLine(root);
    cli.setOut(io.out());
    cli.setErr(io.err());
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setParameterExceptionHandler(
        (e, args) -> {
          CommandLine failing = e.getCommandLine();
          String name = failing.getCommandSpec().qualifiedName();
          io.err().println("jobctl: " + CtlException.oneLine(e.getMessage())
              + " (see '" + name + " --help')");
          io.err().flush();
          return ExitCodes.USAGE;
        });
    cli.setExecutionExceptionHandler(
        (e, failing, parseResult) -> {
          if (e instanceof CtlException ctl) {
            io.err().println("jobctl: " + ctl.getMessage());
            if (root.verbose && ctl.getCause() != null) {
              ctl.getCause().printStackTrace(io.err());
            }
            io.err().flush();
            return ctl.exitCode();
          }
          io.err().println("jobctl: unexpected error: " + CtlException.oneLine(String.valueOf(e)));
          if (root.verbose) {
            e.printStackTrace(io.err());
          }
          io.err().flush();
          return ExitCodes.USAGE;
        });
    return cli;
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(io.err());
    return ExitCodes.USAGE;
  }

  public Io io() {
    return io;
  }

  public boolean verbose() {
    return verbose;
  }

  public CtlConfig config() {
    if (config == null) {
      config = CtlConfig.load(io);
    }
    return config;
  }

  public StalewatchClient client() {
    if (client == null) {
      client = new StalewatchClient(config().url(url), config().token(token));
    }
    return client;
  }

  /** The client for a decision: refuses at once (exit 2) when no token is configured. */
  public StalewatchClient clientWithToken() {
    StalewatchClient c = client();
    if (!c.hasToken()) {
      throw CtlException.usage(
          "this needs a token: pass --token, set STALEWATCH_TOKEN or put 'token = ...' in "
              + config().filePath());
    }
    return c;
  }

  public Style style() {
    return Style.decide(color, io.stdoutIsTerminal(), io.env("NO_COLOR"), io.env("TERM"));
  }
}

package dev.stalewatch.ctl.command;

import dev.stalewatch.ctl.CtlException;
import java.util.regex.Pattern;
import picocli.CommandLine.Parameters;

/** The JOB STAGE every stage command starts with. */
public final class StageArgs {

  static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,128}");

  @Parameters(index = "0", paramLabel = "JOB", description = "the job, e.g. vic_ideas")
  String job;

  @Parameters(index = "1", paramLabel = "STAGE", description = "the stage, e.g. extract")
  String stage;

  public String job() {
    return checked("JOB", job);
  }

  public String stage() {
    return checked("STAGE", stage);
  }

  public String key() {
    return job() + "/" + stage();
  }

  static String checked(String what, String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw CtlException.usage(what + " must match " + NAME.pattern() + ", was '" + name + "'");
    }
    return name;
  }
}

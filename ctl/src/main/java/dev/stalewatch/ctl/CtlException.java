package dev.stalewatch.ctl;

/**
 * Ends a command with an exit code and one line for stderr. The message never spans lines: a
 * script reading stderr gets one line per failure.
 */
public class CtlException extends RuntimeException {

  private final int exitCode;

  public CtlException(int exitCode, String message) {
    this(exitCode, message, null);
  }

  public CtlException(int exitCode, String message, Throwable cause) {
    super(oneLine(message), cause);
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }

  public static CtlException usage(String message) {
    return new CtlException(ExitCodes.USAGE, message);
  }

  public static CtlException no(String message) {
    return new CtlException(ExitCodes.NO, message);
  }

  static String oneLine(String message) {
    return message == null ? "" : message.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
  }
}

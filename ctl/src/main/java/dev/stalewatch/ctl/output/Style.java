package dev.stalewatch.ctl.output;

/**
 * ANSI colour, or none: colour only when stdout is a terminal, {@code NO_COLOR} is unset and
 * {@code TERM} is not {@code dumb}, unless {@code --color always|never} says otherwise.
 */
public final class Style {

  public enum When {
    AUTO,
    ALWAYS,
    NEVER
  }

  private static final String RESET = "\u001b[0m";

  private final boolean enabled;

  private Style(boolean enabled) {
    this.enabled = enabled;
  }

  public static Style plain() {
    return new Style(false);
  }

  public static Style decide(When when, boolean stdoutIsTerminal, String noColor, String term) {
    return new Style(
        switch (when) {
          case ALWAYS -> true;
          case NEVER -> false;
          case AUTO -> stdoutIsTerminal && noColor == null && !"dumb".equals(term);
        });
  }

  public boolean enabled() {
    return enabled;
  }

  public String bold(String s) {
    return wrap("1", s);
  }

  public String red(String s) {
    return wrap("31", s);
  }

  public String green(String s) {
    return wrap("32", s);
  }

  public String yellow(String s) {
    return wrap("33", s);
  }

  public String cyan(String s) {
    return wrap("36", s);
  }

  public String dim(String s) {
    return wrap("2", s);
  }

  private String wrap(String code, String s) {
    return enabled && !s.isEmpty() ? "\u001b[" + code + "m" + s + RESET : s;
  }

  /** One line of a unified diff, coloured by its first character. */
  public String diffLine(String line) {
    if (line.startsWith("+++") || line.startsWith("---")) {
      return bold(line);
    }
    if (line.startsWith("@@")) {
      return cyan(line);
    }
    if (line.startsWith("+")) {
      return green(line);
    }
    if (line.startsWith("-")) {
      return red(line);
    }
    return line;
  }
}

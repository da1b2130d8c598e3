package dev.stalewatch.ctl;

/** jobctl's exit codes; scripts depend on them. */
public final class ExitCodes {

  /** Done; for {@code triage}: the change is proven cosmetic. */
  public static final int OK = 0;
  /** A "no" answer: unproven, nothing to bless, or 409 (the current hash moved: look again). */
  public static final int NO = 1;
  /** Usage error or bad input (unknown flag, unreadable file, unknown language, 400, 404). */
  public static final int USAGE = 2;
  /** snapshot-service (or Kafka) unreachable, or it refused the request (401, 403, 5xx). */
  public static final int SERVICE = 3;

  private ExitCodes() {}
}

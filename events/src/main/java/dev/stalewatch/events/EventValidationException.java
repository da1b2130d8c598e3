package dev.stalewatch.events;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The one exception for an event that cannot be accepted: bytes that are not UTF-8, malformed
 * JSON, wrong JSON types, or a broken contract rule. Consumers dead-letter it; the REST endpoint
 * answers 400 with {@link #violations()}.
 */
public class EventValidationException extends RuntimeException {

  private final List<Violation> violations;

  public EventValidationException(List<Violation> violations) {
    this(violations, null);
  }

  public EventValidationException(List<Violation> violations, Throwable cause) {
    super(describe(violations), cause);
    if (violations.isEmpty()) {
      throw new IllegalArgumentException("an EventValidationException needs a violation");
    }
    this.violations = List.copyOf(violations);
  }

  public static EventValidationException of(String path, String message) {
    return new EventValidationException(List.of(new Violation(path, message)));
  }

  public static EventValidationException of(String path, String message, Throwable cause) {
    return new EventValidationException(List.of(new Violation(path, message)), cause);
  }

  public List<Violation> violations() {
    return violations;
  }

  /** Path of the first violation: the field to name when only one can be named. */
  public String path() {
    return violations.get(0).path();
  }

  private static String describe(List<Violation> violations) {
    return violations.stream().map(Violation::toString).collect(Collectors.joining("; "));
  }
}

package dev.stalewatch.events;

/**
 * One broken rule.
 *
 * @param path the offending field, e.g. {@code versionHash}, {@code deps[1].language}, {@code
 *     resultVersions.5b0d77aa}; {@code $} for the message as a whole (bad UTF-8, malformed JSON)
 */
public record Violation(String path, String message) {

  public static final String ROOT = "$";

  @Override
  public String toString() {
    return path + ": " + message;
  }
}

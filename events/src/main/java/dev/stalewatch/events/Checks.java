package dev.stalewatch.events;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/** Collects every violation of one event, so a producer learns all its mistakes at once. */
final class Checks {

  private static final int QUOTED_MAX = 80;
  /** By identity: Pattern does not define equals. Holds the few wire patterns. */
  private static final Map<Pattern, Optional<CharClassSequence>> SIMPLE = new ConcurrentHashMap<>();

  private final List<Violation> found = new ArrayList<>();

  void add(String path, String message) {
    found.add(new Violation(path, message));
  }

  /** @return whether the value is present, so callers can skip checks that need it */
  boolean required(String path, Object value) {
    if (value == null) {
      add(path, "is required");
      return false;
    }
    return true;
  }

  void requiredText(String path, String value) {
    if (required(path, value) && value.isBlank()) {
      add(path, "must not be blank");
    }
  }

  void requiredMatch(String path, String value, Pattern pattern) {
    if (required(path, value)) {
      match(path, value, pattern);
    }
  }

  void match(String path, String value, Pattern pattern) {
    if (value != null && !matches(value, pattern)) {
      add(path, "must match " + pattern.pattern() + ", was " + quote(value));
    }
  }

  void requiredAtLeast(String path, Number value, long min) {
    if (required(path, value) && value.longValue() < min) {
      add(path, "must be at least " + min + ", was " + value);
    }
  }

  private static boolean matches(String value, Pattern pattern) {
    Optional<CharClassSequence> simple =
        SIMPLE.computeIfAbsent(pattern, p -> CharClassSequence.of(p));
    return simple.isPresent() ? simple.get().matches(value) : pattern.matcher(value).matches();
  }

  /**
   * The version hash is defined over UTF-8 bytes, and a lone surrogate has none; PostgreSQL's text
   * cannot hold U+0000, so an event carrying one could never be stored.
   */
  void wellFormedText(String path, String value) {
    if (value == null) {
      return;
    }
    int bad = Utf8.firstUnpairedSurrogate(value);
    if (bad >= 0) {
      add(path, "has an unpaired UTF-16 surrogate at char index " + bad + ", which UTF-8 cannot encode");
    }
    int nul = value.indexOf('\u0000');
    if (nul >= 0) {
      add(path, "has U+0000 (NUL) at char index " + nul + ", which no text field may hold");
    }
  }

  /** As {@link #wellFormedText(String, String)}, unless the wire bytes already proved it (no escapes). */
  void wellFormedText(String path, String value, TextFacts facts) {
    if (!facts.noUnicodeEscapes()) {
      wellFormedText(path, value);
    }
  }

  /** Within {@code [earliest, latest]}, both inclusive. */
  void requiredWithin(String path, Instant value, Instant earliest, Instant latest, String why) {
    if (required(path, value) && (value.isBefore(earliest) || value.isAfter(latest))) {
      add(path, "must be between " + earliest + " and " + latest + " (" + why + "), was " + value);
    }
  }

  List<Violation> violations() {
    return List.copyOf(found);
  }

  /** Quotes a bad value, shortened: error texts end up in Kafka headers and logs. */
  static String quote(String value) {
    return "'" + abbreviate(value) + "'";
  }

  static String abbreviate(String value) {
    return value.length() <= QUOTED_MAX ? value : value.substring(0, QUOTED_MAX) + "…";
  }
}

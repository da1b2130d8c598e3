package dev.stalewatch.events;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A regex made only of ASCII character classes and literals with fixed repeat counts (the last one
 * may have a range), such as {@code [A-Za-z0-9_.-]{1,128}}, matched without the regex engine: on
 * a consumer's hot path the engine cost more than all other contract rules together. It is built
 * from the pattern's own text, so the regex stays the one definition of each shape.
 */
final class CharClassSequence {

  private record Segment(boolean[] allowed, int min, int max) {}

  private final List<Segment> segments;

  private CharClassSequence(List<Segment> segments) {
    this.segments = segments;
  }

  /** Empty if the pattern uses anything beyond classes, literals and counts. */
  static Optional<CharClassSequence> of(Pattern pattern) {
    if (pattern.flags() != 0) {
      return Optional.empty();
    }
    String regex = pattern.pattern();
    List<Segment> segments = new ArrayList<>();
    int i = 0;
    while (i < regex.length()) {
      boolean[] allowed = new boolean[128];
      char c = regex.charAt(i);
      if (c == '[') {
        int end = regex.indexOf(']', i + 1);
        if (end < 0 || !readClass(regex.substring(i + 1, end), allowed)) {
          return Optional.empty();
        }
        i = end + 1;
      } else if (Character.isLetterOrDigit(c) && c < 128 || c == '-' || c == '_' || c == ':') {
        allowed[c] = true;
        i++;
      } else {
        return Optional.empty();
      }
      int min = 1;
      int max = 1;
      if (i < regex.length() && regex.charAt(i) == '{') {
        int end = regex.indexOf('}', i);
        if (end < 0) {
          return Optional.empty();
        }
        String[] bounds = regex.substring(i + 1, end).split(",", -1);
        try {
          min = Integer.parseInt(bounds[0]);
          max = bounds.length == 1 ? min : Integer.parseInt(bounds[1]);
        } catch (NumberFormatException e) {
          return Optional.empty();
        }
        if (bounds.length > 2 || min > max) {
          return Optional.empty();
        }
        i = end + 1;
      }
      if (!segments.isEmpty() && segments.get(segments.size() - 1).min() != segments.get(segments.size() - 1).max()) {
        return Optional.empty(); // only the last segment may vary in length: no backtracking here
      }
      segments.add(new Segment(allowed, min, max));
    }
    return segments.isEmpty() ? Optional.empty() : Optional.of(new CharClassSequence(List.copyOf(segments)));
  }

  /** Ranges such as {@code A-Z} and single characters; a '-' first or last is itself. */
  private static boolean readClass(String body, boolean[] allowed) {
    if (body.isEmpty() || body.charAt(0) == '^') {
      return false;
    }
    for (int j = 0; j < body.length(); j++) {
      char from = body.charAt(j);
      if (from >= 128 || from == '\\' || from == '[' || from == '&') {
        return false;
      }
      if (j + 2 < body.length() && body.charAt(j + 1) == '-') {
        char to = body.charAt(j + 2);
        if (to >= 128 || to < from || to == '\\') {
          return false;
        }
        for (char x = from; x <= to; x++) {
          allowed[x] = true;
        }
        j += 2;
      } else {
        allowed[from] = true;
      }
    }
    return true;
  }

  boolean matches(String value) {
    int at = 0;
    for (Segment segment : segments) {
      int count = 0;
      while (count < segment.max() && at < value.length()) {
        char c = value.charAt(at);
        if (c >= 128 || !segment.allowed()[c]) {
          break;
        }
        count++;
        at++;
      }
      if (count < segment.min()) {
        return false;
      }
    }
    return at == value.length();
  }
}

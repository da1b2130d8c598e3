package dev.stalewatch.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class CharClassSequenceTest {

  private static final List<Pattern> WIRE =
      List.of(
          WirePatterns.NAME,
          WirePatterns.HASH,
          WirePatterns.HASH_ALGORITHM,
          WirePatterns.LANGUAGE,
          WirePatterns.CHANGE_ID,
          WirePatterns.UUID);

  /** Every character some wire pattern treats specially, plus ones none allows. */
  private static final String ALPHABET = "aZ09fF_.-+#:/ é\u00ff\u0100€\ud800";

  @Test
  void everyWirePatternIsMatchedWithoutTheRegexEngine() {
    for (Pattern pattern : WIRE) {
      assertTrue(CharClassSequence.of(pattern).isPresent(), pattern.pattern());
    }
  }

  @Test
  void agreesWithTheRegexOnRandomStringsOfEveryLengthAroundTheBounds() {
    Random random = new Random(7);
    for (Pattern pattern : WIRE) {
      CharClassSequence simple = CharClassSequence.of(pattern).orElseThrow();
      for (int n = 0; n < 20_000; n++) {
        String value = randomValue(random, pattern);
        assertEquals(
            pattern.matcher(value).matches(),
            simple.matches(value),
            () -> pattern.pattern() + " on '" + value + "'");
      }
    }
  }

  @Test
  void agreesWithTheRegexOnValidValuesAndOneCharacterEdits() {
    String uuid = "123e4567-e89b-12d3-a456-426614174000";
    String hash = "a".repeat(64);
    for (String valid : List.of(uuid, hash, "vic-ideas.v2", "c++", "c#", "sha256:x")) {
      for (Pattern pattern : WIRE) {
        CharClassSequence simple = CharClassSequence.of(pattern).orElseThrow();
        assertEquals(pattern.matcher(valid).matches(), simple.matches(valid), pattern + " " + valid);
        for (int at = 0; at <= valid.length(); at++) {
          for (char c : ALPHABET.toCharArray()) {
            String inserted = valid.substring(0, at) + c + valid.substring(at);
            assertEquals(pattern.matcher(inserted).matches(), simple.matches(inserted), pattern + " " + inserted);
          }
        }
      }
    }
    assertTrue(CharClassSequence.of(WirePatterns.UUID).orElseThrow().matches(uuid));
  }

  @Test
  void patternsWithOtherConstructsAreLeftToTheRegexEngine() {
    for (String regex : List.of("(a|b)+", "[^a]{2}", "a*", "[a-z]{1,3}[0-9]{2}", "\\d{3}", "[a-z]+", "x.y")) {
      assertTrue(CharClassSequence.of(Pattern.compile(regex)).isEmpty(), regex);
    }
    assertTrue(CharClassSequence.of(Pattern.compile("[a-z]{2}", Pattern.CASE_INSENSITIVE)).isEmpty());
  }

  private static String randomValue(Random random, Pattern pattern) {
    int length = random.nextInt(4) == 0 ? random.nextInt(140) : random.nextInt(6) + pattern.pattern().length() % 40;
    StringBuilder b = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      // mostly characters the pattern allows, so that long valid runs occur
      b.append(random.nextInt(10) == 0 ? ALPHABET.charAt(random.nextInt(ALPHABET.length())) : "abcdef0123456789-".charAt(random.nextInt(17)));
    }
    return b.toString();
  }
}

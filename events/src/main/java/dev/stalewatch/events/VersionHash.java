package dev.stalewatch.events;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * The {@code stalewatch-sha256-v1} version hash: SHA-256 over a stage's language, source and deps,
 * laid out so that a worker in any language can compute the same 64 hex characters.
 *
 * <h2>Byte layout</h2>
 *
 * <p>Let {@code F(s)} be a <em>field</em>: the length of the UTF-8 encoding of string {@code s} as
 * an 8-byte big-endian unsigned integer, followed by those UTF-8 bytes (no terminator, no Unicode
 * normalisation, no newline conversion). Let {@code U64(n)} be {@code n} as an 8-byte big-endian
 * unsigned integer. The hash input is, in this order:
 *
 * <pre>
 *   F("stalewatch-sha256-v1")      domain tag, so no other hash of the same text can collide
 *   F(language)                    e.g. "python"
 *   F(source.name)
 *   F(source.text)
 *   U64(number of deps)
 *   for each dep, in ascending order of the unsigned bytes of UTF-8(dep.name)
 *   (that is Unicode code point order; Python's sorted(key=str.encode), not Java's String order):
 *     F(dep.name)
 *     F(dep.kind)                  "code" or "text", lower case as on the wire
 *     F(dep.language or "")        the empty string when a dep has no language
 *     F(dep.text)
 * </pre>
 *
 * <p>The hash is the lower-case hexadecimal SHA-256 digest of that input (64 characters). The
 * length prefixes make the encoding injective: moving a character from one field to the next
 * changes the hash. Dep names must be unique, so the order is total. {@code docs/workers.md}
 * repeats this layout with a Python reference implementation; {@code VersionHashPythonCrossCheckTest}
 * keeps the two equal.
 */
public final class VersionHash {

  public static final String ALGORITHM = "stalewatch-sha256-v1";

  private static final Comparator<Dep> BY_UTF8_NAME =
      (a, b) -> Arrays.compareUnsigned(utf8(a.name()), utf8(b.name()));

  private VersionHash() {}

  /**
   * @throws IllegalArgumentException if a field is missing, dep names repeat, or text holds an
   *     unpaired surrogate (which has no UTF-8 encoding)
   */
  public static String compute(String language, Source source, List<Dep> deps) {
    Objects.requireNonNull(language, "language");
    Objects.requireNonNull(source, "source");
    List<Dep> sorted = new ArrayList<>(deps == null ? List.of() : deps);
    sorted.sort(BY_UTF8_NAME);
    requireUniqueNames(sorted);

    MessageDigest digest = sha256();
    field(digest, ALGORITHM);
    field(digest, language);
    field(digest, source.name());
    field(digest, source.text());
    digest.update(u64(sorted.size()));
    for (Dep dep : sorted) {
      field(digest, dep.name());
      field(digest, Objects.requireNonNull(dep.kind(), "dep kind").wireName());
      field(digest, dep.language() == null ? "" : dep.language());
      field(digest, dep.text());
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /** The hash of a report's own language, source and deps. */
  public static String compute(VersionObserved observed) {
    return compute(observed.language(), observed.source(), observed.deps());
  }

  /**
   * Whether a report made with this algorithm carries the hash of its own source. snapshot-service
   * rejects a report for which this is false.
   */
  public static boolean matches(VersionObserved observed) {
    return ALGORITHM.equals(observed.hashAlgorithm())
        && observed.hasSource()
        && compute(observed).equals(observed.versionHash());
  }

  private static void requireUniqueNames(List<Dep> sortedDeps) {
    for (int i = 1; i < sortedDeps.size(); i++) {
      if (sortedDeps.get(i).name().equals(sortedDeps.get(i - 1).name())) {
        throw new IllegalArgumentException("dep names must be unique: " + sortedDeps.get(i).name());
      }
    }
  }

  private static void field(MessageDigest digest, String value) {
    byte[] bytes = utf8(Objects.requireNonNull(value, "a hashed field is null"));
    digest.update(u64(bytes.length));
    digest.update(bytes);
  }

  private static byte[] u64(long value) {
    return ByteBuffer.allocate(Long.BYTES).putLong(value).array();
  }

  private static byte[] utf8(String text) {
    try {
      ByteBuffer encoded =
          StandardCharsets.UTF_8
              .newEncoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .encode(CharBuffer.wrap(text));
      return Arrays.copyOf(encoded.array(), encoded.limit());
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("text has no UTF-8 encoding (unpaired surrogate)", e);
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}

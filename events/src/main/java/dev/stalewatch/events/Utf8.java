package dev.stalewatch.events;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strict UTF-8. Jackson would replace or pass through broken bytes, and {@link
 * String#getBytes} turns an unpaired surrogate into {@code ?}; either would let two different
 * inputs look the same to the version hash.
 */
final class Utf8 {

  private Utf8() {}

  /** @throws EventValidationException naming the byte offset of the first invalid sequence */
  static String decode(byte[] bytes) {
    // The JDK's own decoding replaces every malformed sequence (overlong forms and encoded
    // surrogates included) with U+FFFD: a result without one proves the bytes valid, on the fast
    // path. Otherwise the strict decoder finds the offset, or accepts a genuinely encoded U+FFFD.
    String lenient = new String(bytes, StandardCharsets.UTF_8);
    if (lenient.indexOf('\uFFFD') < 0) {
      return lenient;
    }
    return strictDecode(bytes);
  }

  private static String strictDecode(byte[] bytes) {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    // UTF-8 never yields more UTF-16 chars than it has bytes.
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult result = decoder.decode(in, out, true);
    if (!result.isError()) {
      result = decoder.flush(out);
    }
    if (result.isError()) {
      throw EventValidationException.of(
          Violation.ROOT,
          "not valid UTF-8 at byte offset " + in.position() + " (" + result.length() + " bad bytes)");
    }
    return out.flip().toString();
  }

  /** Index of the first UTF-16 surrogate without its partner, or -1 if the text is well formed. */
  static int firstUnpairedSurrogate(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return i;
      }
    }
    return -1;
  }

  /** UTF-8 length of well-formed text, counted without allocating the bytes. */
  static long encodedLength(String text) {
    long length = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        length += 1;
      } else if (c < 0x800) {
        length += 2;
      } else if (Character.isHighSurrogate(c)) {
        length += 4;
        i++;
      } else {
        length += 3;
      }
    }
    return length;
  }
}

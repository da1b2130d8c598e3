package dev.stalewatch.events;

/**
 * What the wire bytes of one event prove about every text decoded from them, so that the
 * contract's text rules need not walk each text again.
 *
 * @param noUnicodeEscapes strict UTF-8 cannot encode a lone surrogate, and JSON does not allow a
 *     raw control character in a string, so only a JSON escape such as {@code \\uD800} or
 *     {@code \\u0000} can produce either: without any, every text is well formed
 * @param utf8BytesBound an upper bound on the UTF-8 length of all texts together: each text's
 *     JSON form (escapes included) is at least as long as its UTF-8 form, and the texts are
 *     disjoint parts of the message
 */
record TextFacts(boolean noUnicodeEscapes, long utf8BytesBound) {

  /** For an event built in Java: nothing proven, every rule runs in full. */
  static final TextFacts UNKNOWN = new TextFacts(false, Long.MAX_VALUE);

  /**
   * Scans a message once: whether it holds a backslash-u escape, and whether it is pure ASCII.
   *
   * @throws EventValidationException if the bytes are not strict UTF-8
   */
  static TextFacts ofJson(byte[] json) {
    boolean ascii = true;
    boolean unicodeEscape = false;
    int last = json.length - 1;
    for (int i = 0; i < json.length; i++) {
      byte b = json[i];
      if (b < 0) {
        ascii = false;
      } else if (b == '\\' && i < last && json[i + 1] == 'u') {
        // an escaped backslash before a 'u' counts too: erring this way only costs the full check
        unicodeEscape = true;
      }
    }
    if (!ascii) {
      Utf8.decode(json);
    }
    return new TextFacts(!unicodeEscape, json.length);
  }
}

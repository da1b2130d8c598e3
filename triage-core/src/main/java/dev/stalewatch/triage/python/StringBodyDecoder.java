package dev.stalewatch.triage.python;

/**
 * Decodes the literal text of a Python string token to its value, as CPython's tokenizer does:
 * escapes (unless raw), and doubled braces in f-strings. Anything CPython would reject or warn
 * about in a way we cannot mirror exactly makes the literal unprovable rather than guessed.
 */
final class StringBodyDecoder {

    private StringBodyDecoder() {}

    static void decodeInto(StringBuilder out, String body, StringPrefix prefix, int line) throws UnprovableException {
        if (prefix.bytes()) {
            requireAscii(body, line);
        }
        int i = 0;
        int n = body.length();
        while (i < n) {
            char c = body.charAt(i);
            if (prefix.format() && (c == '{' || c == '}')) {
                if (i + 1 < n && body.charAt(i + 1) == c) {
                    out.append(c);
                    i += 2;
                    continue;
                }
                throw new UnprovableException(line, "single brace in f-string literal text");
            }
            if (c == '\\' && !prefix.raw()) {
                i = decodeEscape(out, body, i, prefix, line);
                continue;
            }
            if (c == '\\' && i + 1 < n) {
                // A raw string keeps the backslash, but the next character cannot end the literal.
                out.append(c).append(body.charAt(i + 1));
                i += 2;
                continue;
            }
            out.append(c);
            i++;
        }
    }

    private static int decodeEscape(StringBuilder out, String body, int at, StringPrefix prefix, int line)
            throws UnprovableException {
        int n = body.length();
        if (at + 1 >= n) {
            throw new UnprovableException(line, "string ends with a backslash");
        }
        char e = body.charAt(at + 1);
        switch (e) {
            case '\n':
                return at + 2;
            case '\r':
                return at + 2 < n && body.charAt(at + 2) == '\n' ? at + 3 : at + 2;
            case '\\', '\'', '"':
                out.append(e);
                return at + 2;
            case 'a':
                out.append('\u0007');
                return at + 2;
            case 'b':
                out.append('\b');
                return at + 2;
            case 'f':
                out.append('\f');
                return at + 2;
            case 'n':
                out.append('\n');
                return at + 2;
            case 'r':
                out.append('\r');
                return at + 2;
            case 't':
                out.append('\t');
                return at + 2;
            case 'v':
                out.append('\u000b');
                return at + 2;
            case 'x':
                return appendHex(out, body, at + 2, 2, line);
            default:
                break;
        }
        if (e >= '0' && e <= '7') {
            int end = at + 1;
            int value = 0;
            while (end < n && end < at + 4 && body.charAt(end) >= '0' && body.charAt(end) <= '7') {
                value = value * 8 + (body.charAt(end) - '0');
                end++;
            }
            if (value > 0377) {
                throw new UnprovableException(line, "octal escape above \\377");
            }
            out.append((char) value);
            return end;
        }
        if (!prefix.bytes()) {
            if (e == 'u') {
                return appendHex(out, body, at + 2, 4, line);
            }
            if (e == 'U') {
                return appendHex(out, body, at + 2, 8, line);
            }
            if (e == 'N') {
                return appendNamed(out, body, at + 2, line);
            }
        }
        // An unknown escape keeps its backslash (Python warns but accepts it).
        out.append('\\');
        return at + 1;
    }

    private static int appendHex(StringBuilder out, String body, int from, int digits, int line)
            throws UnprovableException {
        if (from + digits > body.length()) {
            throw new UnprovableException(line, "truncated hex escape");
        }
        int value = 0;
        for (int i = from; i < from + digits; i++) {
            int digit = Character.digit(body.charAt(i), 16);
            if (digit < 0) {
                throw new UnprovableException(line, "invalid hex escape");
            }
            value = value * 16 + digit;
        }
        if (value > Character.MAX_CODE_POINT) {
            throw new UnprovableException(line, "escape beyond Unicode");
        }
        out.appendCodePoint(value);
        return from + digits;
    }

    private static int appendNamed(StringBuilder out, String body, int from, int line) throws UnprovableException {
        int close = body.indexOf('}', from);
        if (from >= body.length() || body.charAt(from) != '{' || close < 0) {
            throw new UnprovableException(line, "malformed \\N{...} escape");
        }
        try {
            out.appendCodePoint(Character.codePointOf(body.substring(from + 1, close)));
        } catch (IllegalArgumentException unknownName) {
            throw new UnprovableException(line, "unknown character name in \\N{...}");
        }
        return close + 1;
    }

    private static void requireAscii(String body, int line) throws UnprovableException {
        for (int i = 0; i < body.length(); i++) {
            if (body.charAt(i) > 0x7f) {
                throw new UnprovableException(line, "non-ASCII character in a bytes literal");
            }
        }
    }
}

package dev.stalewatch.triage.python;

import java.util.Locale;

/**
 * The prefix and quote of one Python string token, e.g. {@code rb'''}. Only prefixes Python 3
 * accepts are recognised; {@code u} changes nothing in Python 3 and is dropped.
 */
record StringPrefix(boolean bytes, boolean raw, boolean format, String quote) {

    static StringPrefix parse(String stringStart, int line) throws UnprovableException {
        int quoteAt = 0;
        while (quoteAt < stringStart.length() && Character.isLetter(stringStart.charAt(quoteAt))) {
            quoteAt++;
        }
        String letters = stringStart.substring(0, quoteAt).toLowerCase(Locale.ROOT);
        String quote = stringStart.substring(quoteAt);
        if (!(quote.equals("'") || quote.equals("\"") || quote.equals("'''") || quote.equals("\"\"\""))) {
            throw new UnprovableException(line, "unrecognised string quote " + stringStart);
        }
        return switch (letters) {
            case "", "u" -> new StringPrefix(false, false, false, quote);
            case "r" -> new StringPrefix(false, true, false, quote);
            case "b" -> new StringPrefix(true, false, false, quote);
            case "br", "rb" -> new StringPrefix(true, true, false, quote);
            case "f" -> new StringPrefix(false, false, true, quote);
            case "fr", "rf" -> new StringPrefix(false, true, true, quote);
            default -> throw new UnprovableException(line, "string prefix '" + letters + "' is not Python 3");
        };
    }

    boolean triple() {
        return quote.length() == 3;
    }
}

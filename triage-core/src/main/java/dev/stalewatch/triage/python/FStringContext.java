package dev.stalewatch.triage.python;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Tracks the f-strings we are inside of. Before Python 3.12 a replacement field could not reuse
 * its f-string's quote, hold a backslash or a comment; tree-sitter accepts all three, so such text
 * is never proven (it may not parse on the workers' Python).
 */
final class FStringContext {

    private final Deque<String> enclosingQuotes = new ArrayDeque<>();

    void enter(String quote) {
        enclosingQuotes.push(quote);
    }

    void leave() {
        enclosingQuotes.pop();
    }

    boolean insideInterpolation() {
        return !enclosingQuotes.isEmpty();
    }

    /** True if a string with this quote, inside a replacement field, would end an enclosing f-string on Python < 3.12. */
    boolean clashesWithEnclosing(String quote) {
        for (String enclosing : enclosingQuotes) {
            if (enclosing.length() == 1 ? quote.charAt(0) == enclosing.charAt(0) : quote.equals(enclosing)) {
                return true;
            }
        }
        return false;
    }
}
